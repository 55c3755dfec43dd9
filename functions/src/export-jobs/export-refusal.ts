/** Why an export cannot be packed, said to the person who asked (a job's failure). */
export class ExportRefusal extends Error {
  readonly code: 'too-large' | 'nothing-to-export';
  constructor(code: 'too-large' | 'nothing-to-export', message: string) {
    super(message);
    this.code = code;
  }
}
