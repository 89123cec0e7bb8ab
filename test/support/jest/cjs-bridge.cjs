// A Jest transform for CommonJS packages that require() ES modules (see esm-for-cjs.ts): each such
// require() is served from the instances the setup file imported. Nothing else in the file changes.
const BRIDGED = ['@nestjs/common', '@nestjs/core'];

module.exports = {
  process(source) {
    let code = source;
    for (const name of BRIDGED) {
      code = code.split(`require("${name}")`).join(`globalThis.__ratifyEsmForCjs[${JSON.stringify(name)}]`);
    }
    return { code };
  },
  getCacheKey(source, path) {
    return require('node:crypto').createHash('sha256').update(`cjs-bridge-1\0${path}\0${source}`).digest('hex');
  },
};
