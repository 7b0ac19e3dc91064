import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CompanyKind, IpStatus, LookingFor, Stage } from '@hub/domain';
import { bigintToNumber } from './column-transformers';

@Entity({ name: 'companies' })
export class CompanyEntity {
  /** Same value as the organisation's id. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: CompanyKind;
  @Column({ type: 'text', nullable: true }) website: string | null;
  @Column({ type: 'char', length: 2 }) country: string;
  @Column({ type: 'text', nullable: true }) region: string | null;
  @Column({ type: 'text', nullable: true }) city: string | null;
  @Column({ name: 'founded_year', type: 'int', nullable: true }) foundedYear: number | null;
  @Column({ type: 'int', nullable: true }) employees: number | null;
  @Column({ type: 'text', nullable: true }) pitch: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) sectors: string[];
  @Column({ name: 'therapeutic_areas', type: 'text', array: true, default: '{}' }) therapeuticAreas: string[];
  @Column({ type: 'text', array: true, default: '{}' }) modalities: string[];
  @Column({ type: 'text', nullable: true }) stage: Stage | null;
  @Column({ type: 'smallint', nullable: true }) trl: number | null;
  @Column({ name: 'funding_sought_eur', type: 'bigint', nullable: true, transformer: bigintToNumber }) fundingSoughtEur: number | null;
  @Column({ name: 'ip_status', type: 'text', nullable: true }) ipStatus: IpStatus | null;
  @Column({ name: 'looking_for', type: 'text', array: true, default: '{}' }) lookingFor: LookingFor[];
  @Column({ name: 'technology_needs', type: 'text', nullable: true }) technologyNeeds: string | null;

  /** Optimistic-concurrency token: a PATCH must send the version it read. */
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
