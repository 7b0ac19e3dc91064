import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganisationType } from '@hub/domain';

/**
 * The party behind a profile. Its id is the profile's id everywhere in the API, so matches, requests and
 * memberships point at one table whatever the profile type.
 */
@Entity({ name: 'organisations' })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: OrganisationType;

  /** When a member (or staff, on the organisation's word) agreed to show the profile to other organisations; null: hidden. */
  @Column({ name: 'visibility_consent_at', type: 'timestamptz', nullable: true })
  visibilityConsentAt: Date | null;

  /** Who gave that consent (null once that account is erased). */
  @Column({ name: 'visibility_consent_by', type: 'uuid', nullable: true })
  visibilityConsentBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
