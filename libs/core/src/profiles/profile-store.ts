import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { AppError, ErrorCode, taxonomy, type FieldViolation, type OrganisationType, type TaxonomyDimension } from '@hub/domain';
import type { Principal } from '../auth/principal';
import type { Page } from '../common/pagination.dto';
import { MembershipEntity, OrganisationEntity } from '../database/entities';
import { isUniqueViolation } from '../database/pg-errors';
import type { ListProfilesQueryDto } from './dto/list-profiles-query.dto';
import { Disclosure } from './disclosure';
import { assertExpectedVersion } from './optimistic-version';
import { OrganisationAccess } from './organisation-access';
import { Visibility } from './visibility';

/** Stands for "no organisation" in SQL where a uuid is needed. */
const NO_ORGANISATION = '00000000-0000-0000-0000-000000000000';

/** Profile creation may carry the organisation's consent to be shown to others. */
export interface ConsentInput {
  visibilityConsent?: boolean;
}

interface ProfileRow extends ObjectLiteral {
  id: string;
  version: number;
  name: string;
}

/** What differs between companies, funds and research centres; the store does the rest the same way. */
export interface ProfileTypeConfig<E extends ProfileRow, V> {
  organisationType: OrganisationType;
  entity: EntityTarget<E>;
  /** Human name used in messages, e.g. "company". */
  label: string;
  /** Fields a PATCH may not set to null. */
  requiredFields: ReadonlyArray<keyof E & string>;
  /** Cross-field rules on the merged profile. */
  rules(merged: E): FieldViolation[];
  view(entity: E, confidential: boolean): V;
  /** Type-specific list filters (stage, kind, active...). */
  filter(qb: SelectQueryBuilder<E>, query: ListProfilesQueryDto): void;
}

const TAXONOMY_FILTERS: Array<[keyof ListProfilesQueryDto, TaxonomyDimension, string]> = [
  ['sector', 'sectors', 'sectors'],
  ['therapeuticArea', 'therapeuticAreas', 'therapeutic_areas'],
  ['modality', 'modalities', 'modalities'],
];

/** Escapes LIKE wildcards so a user's `%` or `_` is searched as text. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Create, read, list, patch and delete of one profile type, each in one transaction, with
 * object-level authorisation and optimistic concurrency. The profile's id is its organisation's id.
 */
export class ProfileStore<E extends ProfileRow, V> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ProfileTypeConfig<E, V>,
  ) {}

  get entityTarget(): EntityTarget<E> {
    return this.config.entity;
  }

  async create(principal: Principal, input: Partial<E> & ConsentInput): Promise<V> {
    OrganisationAccess.assertCanCreate(principal, this.config.organisationType);
    const saved = await this.dataSource
      .transaction(async (manager) => {
        const entity = await this.insert(manager, input, principal.userId);
        if (principal.role !== 'staff') {
          await manager.insert(MembershipEntity, { organisationId: entity.id, userId: principal.userId });
        }
        return entity;
      })
      .catch((error: unknown) => {
        // A concurrent create by the same account won the race; the whole transaction is rolled back.
        if (isUniqueViolation(error, 'uq_memberships_user')) {
          throw new AppError(ErrorCode.AlreadyHasOrganisation, 'this account is already a member of an organisation');
        }
        throw error;
      });
    return this.config.view(saved, true);
  }

  /**
   * Inserts the organisation and its profile with the caller's transaction (also used by seeding). With
   * `visibilityConsent: true`, the consent is recorded as given by `consentBy` now.
   */
  async insert(manager: EntityManager, input: Partial<E> & ConsentInput, consentBy: string | null = null): Promise<E> {
    const { visibilityConsent, ...fields } = input;
    const merged = manager.create(this.config.entity, { ...fields } as E);
    this.assertValid(merged);
    // Who consented is kept only as an account that exists (a job or a test acting as nobody records no one).
    const [organisation]: Array<{ id: string }> = await manager.query(
      `INSERT INTO organisations (type, visibility_consent_at, visibility_consent_by)
       VALUES ($1, CASE WHEN $2 THEN now() END, CASE WHEN $2 THEN (SELECT id FROM users WHERE id = $3::uuid) END)
       RETURNING id`,
      [this.config.organisationType, visibilityConsent === true, consentBy],
    );
    (merged as ProfileRow).id = organisation.id;
    (merged as ProfileRow).version = 1;
    return manager.save(this.config.entity, merged);
  }

  async get(principal: Principal, id: string): Promise<V> {
    const qb = this.dataSource.getRepository(this.config.entity).createQueryBuilder('p').where('p.id = :id', { id });
    // A profile shown to nobody (no consent) is, to others, a profile that does not exist: one statement, as in lists.
    const entity = await this.visibleTo(qb, principal).getOne();
    if (!entity) throw AppError.notFound(this.config.label, id);
    const [view] = await this.disclosedViews(principal, [entity]);
    return view;
  }

  async list(principal: Principal, query: ListProfilesQueryDto): Promise<Page<V>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const qb = this.dataSource.getRepository(this.config.entity).createQueryBuilder('p');
    if (query.q) qb.andWhere(`p.name ILIKE :q ESCAPE '\\'`, { q: likeContains(query.q) });
    if (query.country) qb.andWhere('p.country = :country', { country: query.country });
    for (const [param, dimension, column] of TAXONOMY_FILTERS) {
      const code = query[param];
      if (typeof code === 'string') {
        qb.andWhere(`p.${column} && :${param}`, { [param]: [code, ...taxonomy.descendants(dimension, code)] });
      }
    }
    this.config.filter(qb, query);
    this.visibleTo(qb, principal);
    qb.orderBy('lower(p.name)', 'ASC').addOrderBy('p.id', 'ASC').skip((page - 1) * pageSize).take(pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: await this.disclosedViews(principal, rows), total, page, pageSize };
  }

  /** Narrows `qb` (profiles as p) to those the caller may see: all for staff, else consented ones and its own. */
  private visibleTo(qb: SelectQueryBuilder<E>, principal: Principal): SelectQueryBuilder<E> {
    if (OrganisationAccess.isStaff(principal)) return qb;
    return qb.andWhere(`(${Visibility.consentedSql('p.id')} OR p.id = :own)`, { own: principal.organisationId ?? NO_ORGANISATION });
  }

  /** Views with the confidential part and contacts where the caller may see them (staged disclosure). */
  private async disclosedViews(principal: Principal, entities: readonly E[]): Promise<V[]> {
    const manager = this.dataSource.manager;
    const disclosed = await Disclosure.disclosedTo(manager, principal, entities.map((e) => e.id));
    const contacts = await Disclosure.contactsOf(manager, [...disclosed]);
    return entities.map((entity) => {
      const view = this.config.view(entity, disclosed.has(entity.id));
      return disclosed.has(entity.id) ? { ...view, contacts: contacts.get(entity.id) ?? [] } : view;
    });
  }

  async update(principal: Principal, id: string, patch: Partial<E> & { version: number }): Promise<V> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockForChange(manager, principal, id);
      assertExpectedVersion(this.config.label, id, patch.version, current.version);
      const { version: _ignored, ...changes } = patch;
      const merged = manager.merge(this.config.entity, current, changes as never);
      this.assertValid(merged);
      (merged as ProfileRow).version = current.version + 1;
      return manager.save(this.config.entity, merged);
    });
    return this.config.view(saved, true);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.lockForChange(manager, principal, id);
      // The organisation row owns the profile, its memberships and (for research centres) its offers: one cascade.
      await manager.delete(OrganisationEntity, { id });
    });
  }

  /** Loads and locks the profile for the rest of the transaction: 404 if absent, 403 if the caller may not change it. */
  private async lockForChange(manager: EntityManager, principal: Principal, id: string): Promise<E> {
    const current = await manager.findOne(this.config.entity, { where: { id } as never, lock: { mode: 'pessimistic_write' } });
    if (!current) throw AppError.notFound(this.config.label, id);
    OrganisationAccess.assertCanManage(principal, id, this.config.label);
    return current;
  }

  /**
   * Domain rules plus "required stays non-null", on the state that would be stored. Undefined means "not given"
   * (the DTO already demands the fields without a column default), null means "clear it".
   */
  assertValid(merged: E): void {
    const violations: FieldViolation[] = [];
    for (const field of this.config.requiredFields) {
      if (merged[field] === null) {
        violations.push({ field, rule: 'required', message: `${field} is required and cannot be null` });
      }
    }
    violations.push(...this.config.rules(merged));
    if (violations.length > 0) throw AppError.validation(violations);
  }
}
