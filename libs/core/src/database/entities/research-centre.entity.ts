import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ResearchCentreKind } from '@hub/domain';

@Entity({ name: 'research_centres' })
export class ResearchCentreEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: ResearchCentreKind;
  @Column({ type: 'char', length: 2 }) country: string;
  @Column({ type: 'text', nullable: true }) region: string | null;
  @Column({ type: 'text', nullable: true }) city: string | null;
  @Column({ type: 'text', nullable: true }) website: string | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) sectors: string[];
  @Column({ name: 'therapeutic_areas', type: 'text', array: true, default: '{}' }) therapeuticAreas: string[];
  @Column({ type: 'text', array: true, default: '{}' }) modalities: string[];

  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
