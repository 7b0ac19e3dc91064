/** One rejected row: `row` is the line number in the file (the header is line 1). */
export interface ImportFailure {
  row: number;
  field: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  failed: ImportFailure[];
}
