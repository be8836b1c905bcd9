/**
 * The notebook runner: runs `.ipynb` notebooks headless on the project's
 * own tslab kernel, with nbclient's and papermill's semantics (timeouts,
 * interrupts, dead-kernel detection, typed parameters, error banners).
 *
 * Laid out by stage, as papermill is: `notebook` (I/O), `parameters`
 * (injection), `kernel/` (protocol, sockets, process), `execute` (the
 * per-cell loop), `errors` (reporting), `cli` (the command line).
 *
 * Importing this module does not load zeromq: sockets are opened only when
 * a notebook is executed.
 */

// I/O
export { readNotebook, writeNotebookAtomic, parseNotebook, serializeNotebook } from "./notebook";
export type {
  Notebook,
  Cell,
  CodeCell,
  MarkdownCell,
  RawCell,
  CellMetadata,
  Output,
  StreamOutput,
  DisplayDataOutput,
  ExecuteResultOutput,
  ErrorOutput,
  MimeBundle,
  MultilineString,
} from "./notebook";

// parameters
export {
  notebookParameters,
  injectParameters,
  toTypeScriptLiteral,
  parseTypeScriptLiteral,
  parseCliValue,
  PARAMETERS_TAG,
  INJECTED_TAG,
} from "./parameters";
export type { NotebookParameter, ParameterType } from "./parameters";

// execution
export { executeNotebook, executeNotebookObject, RAISES_EXCEPTION, SKIP_EXECUTION } from "./execute";
export type { ExecuteOptions, ExecutedCell, ExecutionResult } from "./execute";

// errors
export {
  RunnerError,
  CellExecutionError,
  CellTimeoutError,
  KernelDiedError,
  IopubTimeoutError,
  KernelStartupError,
  ParameterError,
  SignatureError,
  NotebookFormatError,
  parseKernelError,
} from "./errors";
export type { CellFailure, ParsedKernelError } from "./errors";
