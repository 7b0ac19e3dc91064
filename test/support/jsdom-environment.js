/**
 * jsdom for the web components' tests, plus Node's TextEncoder/TextDecoder: jest.config's setupFiles
 * (test/support/test-env.ts) load `pg`, which needs them at import time, and plain jsdom lacks them.
 */
const { TextDecoder, TextEncoder } = require('node:util');
const JsdomEnvironment = require('jest-environment-jsdom').default ?? require('jest-environment-jsdom');

class WebJsdomEnvironment extends JsdomEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.TextEncoder = TextEncoder;
    this.global.TextDecoder = TextDecoder;
  }
}

module.exports = WebJsdomEnvironment;
