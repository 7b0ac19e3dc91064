import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Stage } from '@hub/domain';
import { bigintToNumber } from './column-transformers';

@Entity({ name: 'funds' })
export class FundEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) manager: string | null;
  @Column({ type: 'text', nullable: true }) website: string | null;
  @Column({ type: 'char', length: 2 }) country: string;
  @Column({ type: 'text', nullable: true }) thesis: string | null;
  @Column({ type: 'text', array: true, default: '{}' }) stages: Stage[];
  @Column({ name: 'ticket_min_eur', type: 'bigint', nullable: true, transformer: bigintToNumber }) ticketMinEur: number | null;
  @Column({ name: 'ticket_max_eur', type: 'bigint', nullable: true, transformer: bigintToNumber }) ticketMaxEur: number | null;
  @Column({ name: 'fund_size_eur', type: 'bigint', nullable: true, transformer: bigintToNumber }) fundSizeEur: number | null;
  @Column({ type: 'text', array: true, default: '{}' }) sectors: string[];
  @Column({ name: 'therapeutic_areas', type: 'text', array: true, default: '{}' }) therapeuticAreas: string[];
  @Column({ type: 'text', array: true, default: '{}' }) modalities: string[];
  @Column({ type: 'text', array: true, default: '{}' }) geographies: string[];
  @Column({ name: 'lead_investor', type: 'boolean', default: false }) leadInvestor: boolean;
  @Column({ type: 'boolean', default: true }) active: boolean;

  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
