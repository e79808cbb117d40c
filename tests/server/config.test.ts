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

  it('reads yes/no variables as 1/0, on/off, yes/no or true/false, and refuses anything else naming the variable', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ CLOSEOUT_DEMO: '0' }).demo).toBe(false);
    expect(loadConfig({ CLOSEOUT_DEMO: 'No' }).demo).toBe(false);
    expect(loadConfig({ CLOSEOUT_DEMO: '0 ' }).demo).toBe(false);
    expect(loadConfig({ CLOSEOUT_TRUST_PROXY: 'yes' }).trustProxy).toBe(true);
    expect(loadConfig({ CLOSEOUT_STARTUP_CHECK: 'on' }).startupCheck).toBe(true);
    // A typo must not fill a real database with the demo accounts, nor leave the proxy's headers unread.
    expect(() => loadConfig({ CLOSEOUT_DEMO: 'flase' })).toThrow(/^CLOSEOUT_DEMO: not 1 or 0 .*: flase$/);
    expect(() => loadConfig({ CLOSEOUT_TRUST_PROXY: 'ture' })).toThrow(/^CLOSEOUT_TRUST_PROXY: /);
    expect(() => loadConfig({ CLOSEOUT_STARTUP_CHECK: 'of' })).toThrow(/^CLOSEOUT_STARTUP_CHECK: /);
  });

  it('refuses an empty PORT (not a port the system picks) and an empty CLOSEOUT_DB (not a temporary database)', () => {
    expect(() => loadConfig({ PORT: '' })).toThrow(/^PORT: not a port number/);
    expect(() => loadConfig({ CLOSEOUT_DB: '' })).toThrow(/^CLOSEOUT_DB: empty/);
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });
});
