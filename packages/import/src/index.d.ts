// Types of @feishu-hire/import's programmatic entry point (the CLI, feishu-hire-import, is the main interface).

/** The exit codes: 0 every record done, 1 some failed or skipped, 2 invalid input, 3 could not start. */
export declare const EXIT: Readonly<{ done: 0; failed: 1; invalid: 2; cannotStart: 3 }>;
/** The --help text of feishu-hire-import. */
export declare const USAGE: string;

/** Runs the command line `argv` (without `node` and the script); resolves to the exit code. */
export declare function main(
  argv: string[],
  options?: { env?: Record<string, string | undefined>; out?: (line: string) => void; err?: (line: string) => void; progressStream?: NodeJS.WritableStream; signal?: AbortSignal },
): Promise<number>;

/** One importable resource of the spec, as the import uses it. */
export interface ImportResource {
  name: string;
  displayName: string;
  idParameter: string;
  /** The record's key field (the resource's idempotency key, `external_id`). */
  key: string;
  idempotencyWindowMs: number;
  /**
   * The parent: named by key in the export (`byKey`) when it is imported too, else by its Feishu id; `cascade` when
   * deleting the parent deletes these records too (`x-feishu-resource.parent.cascade`).
   */
  parent: { resource: string; field: string; byKey: boolean; cascade: boolean } | undefined;
  /** 0 without an imported parent, else its parent's depth + 1 (the resources are ordered by it). */
  depth: number;
  recordKey: string | undefined;
  overwrite: 'full' | 'partial' | undefined;
  /** The fields the update (or patch) can set; undefined without one. */
  updateFields: string[] | undefined;
  [more: string]: unknown;
}

/** The import model of an OpenAPI document (default: the bundled spec): its importable resources, parents first. */
export declare function importModel(doc?: Record<string, any>): {
  doc: Record<string, any>;
  resources: ImportResource[];
  byName(name: string): ImportResource | undefined;
  children(name: string): ImportResource[];
  skipped: Array<{ name: string; reason: string }>;
};

/** The JSON Schema (2020-12) of one line of an export. */
export declare function exportSchema(model: ReturnType<typeof importModel>): Record<string, any>;
/** The JSON Schema of one record of `resource`: its create body, closed, with its key required and its parent by reference. */
export declare function recordSchema(model: ReturnType<typeof importModel>, resource: ImportResource): Record<string, any>;
/** One problem of an export: its line, the field and the rule broken. */
export interface ExportError {
  line: number;
  resource?: string;
  key?: string;
  field: string;
  rule: string;
  message: string;
}
/** `(resource, record)` → the problems of one record. */
export declare function createRecordValidator(model: ReturnType<typeof importModel>): (resource: string, record: unknown) => Array<Omit<ExportError, 'line'>>;
/** Streams an export and checks every line: its index and errors (at most 1000 kept; `errorCount` all). */
export declare function scanExport(file: string, model: ReturnType<typeof importModel>, options?: { known?: (resource: string, key: string) => boolean }): Promise<{ index: any; errors: ExportError[]; errorCount: number }>;
export declare function openJournal(path: string, target: { baseUrl: string; app: string }): Promise<any>;
export declare function readJournal(path: string | undefined, target?: { baseUrl: string; app: string }): Promise<any>;
export declare function planImport(options: Record<string, any>): Promise<{ ops: any[]; deletes: any[]; counts: Record<string, Record<string, number>> }>;
export declare function applyPlan(options: Record<string, any>): Promise<{ stopped: boolean }>;
export declare function createFeishu(options: Record<string, any>): any;
