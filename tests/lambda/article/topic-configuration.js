// Preloaded into the article handler's process (NODE_OPTIONS=--require) by run.sh; the handler file itself stays
// unmodified. The article builds its TopicClient with a cache Configuration (Configurations.InRegion.Default), which
// @gomomento/sdk 1.118.1 refuses: "TypeError: grpcConfig.getNumStreamClients is not a function", caught and logged
// by the handler, so that every record publishes nothing (as it would in Lambda). A deployment that works passes a
// topic configuration; this hands TopicClient TopicConfigurations.Default.latest() instead, as the reference runner
// does (docs/lambda-runtime.md, "The article's handler").
const Module = require('module');
const path = require('path');
const sdkPath = require.resolve('@gomomento/sdk', { paths: [process.env.LAMBDA_TASK_ROOT || process.cwd()] });
let patched;
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.call(this, request, parent, isMain);
  if (request !== '@gomomento/sdk' && path.resolve(request) !== sdkPath) return loaded;
  if (!patched) {
    class TopicClient extends loaded.TopicClient {
      constructor(options) {
        super({ ...options, configuration: loaded.TopicConfigurations.Default.latest() });
      }
    }
    patched = { ...loaded, TopicClient };
  }
  return patched;
};
