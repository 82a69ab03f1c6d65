// A stand-in for electron-log/main in the shell's tests (the real one needs Electron's app): the fields main.ts sets.
export default {
  transports: { file: { resolvePathFn: null, maxSize: 0, level: 'info' }, console: { level: 'info' } },
  errorHandler: { startCatching: () => {} },
  functions: {},
};
