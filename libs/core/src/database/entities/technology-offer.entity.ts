import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CollaborationType, IpStatus } from '@hub/domain';

@Entity({ name: 'technology_offers' })
export class TechnologyOfferEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'research_centre_id', type: 'uuid' })
  researchCentreId: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) sectors: string[];
  @Column({ name: 'therapeutic_areas', type: 'text', array: true, default: '{}' }) therapeuticAreas: string[];
  @Column({ type: 'text', array: true, default: '{}' }) modalities: string[];
  /** Confidential: disclosed only after an accepted meeting (see Disclosure); never indexed nor scored. */
  @Column({ name: 'confidential_details', type: 'text', nullable: true }) confidentialDetails: string | null;
  @Column({ type: 'smallint', nullable: true }) trl: number | null;
  @Column({ name: 'ip_status', type: 'text', nullable: true }) ipStatus: IpStatus | null;
  @Column({ name: 'collaboration_types', type: 'text', array: true, default: '{}' }) collaborationTypes: CollaborationType[];

  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
