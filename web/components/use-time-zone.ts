import { useQuery } from '@tanstack/react-query';
import { meOptions } from '../api/auth.ts';

/** The organisation's time zone, as the server gives it to a signed-in user; the browser's until known. */
export function useTimeZone(): string | undefined {
  const me = useQuery(meOptions());
  return me.data?.kind === 'user' ? me.data.timeZone : undefined;
}
