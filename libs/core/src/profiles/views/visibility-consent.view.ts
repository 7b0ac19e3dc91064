/** An organisation's consent to be shown to others, as its members and staff read it. */
export interface VisibilityConsentView {
  organisationId: string;
  /** Shown to other organisations (search, matches, profile pages). */
  visible: boolean;
  /** When consent was given; null while it is not. */
  consentedAt: string | null;
  /** Who gave it (null when not given, or once that account is erased). */
  consentedBy: string | null;
}
