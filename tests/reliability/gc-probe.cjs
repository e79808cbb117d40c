// Preloaded into the server under test only (node --expose-gc --require this), in its main thread and,
// as Node preloads it there too, in its worker threads. On SIGUSR2 every thread collects its garbage
// (workers are asked over a BroadcastChannel: signals reach only the main thread), then the main
// thread writes one line with the live memory of each: heap in use plus external (buffers, zlib).
'use strict';
const { isMainThread, threadId } = require('node:worker_threads');

const channel = new BroadcastChannel('closeout-gc-probe');
channel.unref(); // keeps no thread alive
const liveBytes = () => {
  globalThis.gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};

if (isMainThread) {
  let workers = null;
  channel.onmessage = ({ data }) => {
    if (workers) workers[data.threadId] = data.bytes;
  };
  process.on('SIGUSR2', () => {
    workers = {};
    channel.postMessage('collect');
    // A worker in the middle of a computation answers when it is done with it.
    setTimeout(() => {
      process.stdout.write(`gc-probe ${JSON.stringify({ main: liveBytes(), workers })}\n`);
      workers = null;
    }, 1000);
  });
} else {
  channel.onmessage = () => channel.postMessage({ threadId, bytes: liveBytes() });
}
