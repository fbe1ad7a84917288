// Which actions RBAC refuses, asked once per question in the background (SelfSubjectAccessReview)
// and remembered: hints and help grey out what would be refused, with the reason.
import type { AccessQuestion } from '../model/requests.js';

export class RefusalCache {
  private readonly answers = new Map<string, string | null | 'pending'>();

  constructor(
    private readonly ask: ((access: AccessQuestion) => Promise<string | null>) | undefined,
    private readonly onAnswer: () => void,
  ) {}

  /** Why RBAC refuses, null when allowed or not known yet. */
  refusal(access: AccessQuestion): string | null {
    if (!this.ask) return null;
    const key = JSON.stringify(access);
    const known = this.answers.get(key);
    if (known === undefined) {
      this.answers.set(key, 'pending');
      this.ask(access).then(
        (r) => {
          this.answers.set(key, r);
          this.onAnswer();
        },
        () => this.answers.delete(key),
      );
      return null;
    }
    return known === 'pending' ? null : known;
  }
}
