// JSON output: the view models as they are (field names documented in the README), timestamps as
// ISO strings. JSON.stringify escapes control characters, so cluster text is safe here too.
const TIME_FIELDS = /^(created|started|finished|lastSchedule|lastSuccessful|scheduled|since|last|lastTransition|startTime)$/;

export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (key, v) => {
      if (typeof v === 'number' && TIME_FIELDS.test(key)) return new Date(v).toISOString();
      if (key === 'nextRuns' || key === 'missed') return (v as number[]).map((t) => new Date(t).toISOString());
      return v;
    },
    2,
  );
}

export function printJson(value: unknown): void {
  process.stdout.write(`${toJson(value)}\n`);
}
