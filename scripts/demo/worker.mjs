// A worker thread does not run the parent's --import hooks on Node 20, so the TypeScript loader is
// registered here before the simulation (worker.ts) is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
