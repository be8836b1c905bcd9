/**
 * The notebook runner: runs `.ipynb` notebooks headless on the project's
 * own tslab kernel, with nbclient's and papermill's semantics (timeouts,
 * interrupts, dead-kernel detection, typed parameters, error banners).
 *
 * Laid out by stage, as papermill and nbclient are: `notebook` (I/O and
 * listing), `parameters` (injection), `kernel/` (protocol, sockets,
 * process, kernelspecs), `cellClient` + `outputs` (one cell, nbclient's
 * client), `execute` (the whole run, papermill's `execute_notebook`),
 * `result` (the result API), `errors` (typed failures and the banner), and
 * `tslab` (every workaround for tslab's quirks). The command line is in
 * `src/cli/`, above this stage.
 *
 * Importing this module does not load zeromq: sockets are opened only when
 * a notebook is executed.
 */

// I/O
export {
  readNotebook,
  writeNotebookAtomic,
  parseNotebook,
  serializeNotebook,
  listNotebooks,
  isSourceNotebook,
  EXECUTED_SUFFIXES,
  RAISES_EXCEPTION,
  SKIP_EXECUTION,
} from "./notebook";
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
export { executeNotebook, executeNotebookObject } from "./execute";
export type { ExecuteOptions } from "./execute";
export type { ExecutedCell, ExecutionResult } from "./result";

// kernelspecs and Jupyter's directories (jupyter_core's rules)
export {
  resolveKernelSpec,
  kernelSearchPath,
  jupyterPath,
  jupyterDataDir,
  jupyterConfigDir,
  jupyterRuntimeDir,
  systemJupyterPath,
  currentContext,
} from "./kernel/kernelspec";
export type { KernelSpec, JupyterContext } from "./kernel/kernelspec";

// errors
export {
  RunnerError,
  CellExecutionError,
  CellRunFailure,
  KernelLostError,
  CellTimeoutError,
  KernelDiedError,
  LostOutputError,
  IopubTimeoutError,
  ExecutionAbortedError,
  UncaughtAsyncError,
  KernelProtocolError,
  KernelStartupError,
  ParameterError,
  SignatureError,
  NotebookFormatError,
} from "./errors";
export type { CellFailure } from "./errors";

// tslab's quirks
export { parseKernelError } from "./tslab";
export type { ParsedKernelError } from "./tslab";
