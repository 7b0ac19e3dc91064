/**
 * Nest 12 ships as ES modules; Jest (below Node 24.9) loads CommonJS only, so those packages are compiled to
 * CommonJS on the way in. `import.meta` has no CommonJS form: rewrite its url/dirname/filename to the module
 * wrapper's __filename/__dirname. The url is built without `require`, because some packages declare their own
 * `const require = createRequire(import.meta.url)`, which would shadow it.
 */
module.exports = function importMetaToCommonJs({ types: t }) {
  return {
    visitor: {
      MetaProperty(path) {
        const parent = path.parentPath;
        if (!parent.isMemberExpression()) return;
        const name = parent.node.property.name;
        if (name === 'url') parent.replaceWith(t.binaryExpression('+', t.stringLiteral('file://'), t.identifier('__filename')));
        else if (name === 'dirname') parent.replaceWith(t.identifier('__dirname'));
        else if (name === 'filename') parent.replaceWith(t.identifier('__filename'));
        // import.meta.resolve(x) is require.resolve(x) in CommonJS (used to probe optional peer packages).
        else if (name === 'resolve') parent.replaceWith(t.memberExpression(t.identifier('require'), t.identifier('resolve')));
      },
    },
  };
};
