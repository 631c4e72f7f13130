// Redocly plugin of this repository: lints the resource extensions of specs/ (x-feishu-resource on a tag,
// x-feishu-role with x-feishu-overwrite and x-feishu-filters on an operation) with the same checks as the model.
import { resourceExtensionProblems, roleExtensionProblems } from '../src/resources.js';

/** Reports each problem at the extension it is about. */
function reportAll(ctx, problems, key) {
  for (const message of problems) ctx.report({ message, location: ctx.location.child([key]) });
}

/** x-feishu-resource of a tag: its id, parent and idempotency key, well-formed. */
function resourceExtension() {
  return {
    Tag(tag, ctx) {
      if (tag['x-feishu-resource'] !== undefined) reportAll(ctx, resourceExtensionProblems(tag['x-feishu-resource']), 'x-feishu-resource');
    },
  };
}

/** x-feishu-role of an operation (with x-feishu-overwrite and x-feishu-filters), well-formed where present. */
function roleExtension() {
  return {
    Operation(operation, ctx) {
      const present = ['x-feishu-role', 'x-feishu-overwrite', 'x-feishu-filters'].some((k) => operation[k] !== undefined);
      if (present) reportAll(ctx, roleExtensionProblems(operation), 'x-feishu-role');
    },
  };
}

export default function feishuPlugin() {
  return {
    id: 'feishu',
    rules: { oas3: { 'resource-extension': resourceExtension, 'role-extension': roleExtension } },
  };
}
