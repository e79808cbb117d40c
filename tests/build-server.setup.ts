import { buildServer } from '../scripts/build-server.ts';

export default async function setup(): Promise<void> {
  await buildServer();
}
