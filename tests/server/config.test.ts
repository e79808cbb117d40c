import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';

describe('configuration from the environment', () => {
  it('listens on every interface unless CLOSEOUT_HOST names an address', () => {
    expect(loadConfig({}).host).toBeNull();
    expect(loadConfig({ CLOSEOUT_HOST: '' }).host).toBeNull();
    expect(loadConfig({ CLOSEOUT_HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ CLOSEOUT_HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ CLOSEOUT_HOST: 'closeout.internal' }).host).toBe('closeout.internal');
  });

  it('refuses a CLOSEOUT_HOST that is not a host name or address, naming the variable', () => {
    expect(() => loadConfig({ CLOSEOUT_HOST: 'http://127.0.0.1:8080/' })).toThrow(/^CLOSEOUT_HOST: /);
    expect(() => loadConfig({ CLOSEOUT_HOST: '127.0.0.1 8080' })).toThrow(/^CLOSEOUT_HOST: /);
  });

  it('runs the start-up page check unless CLOSEOUT_STARTUP_CHECK is off', () => {
    expect(loadConfig({}).startupCheck).toBe(true);
    expect(loadConfig({ CLOSEOUT_STARTUP_CHECK: 'off' }).startupCheck).toBe(false);
    expect(loadConfig({ CLOSEOUT_STARTUP_CHECK: 'OFF' }).startupCheck).toBe(false);
  });
});
