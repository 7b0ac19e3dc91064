/** One rejected row: `row` is the row number as a spreadsheet shows it (the header is row 1). */
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
