import { TestContext, bearer, type TestUser } from '../support/test-app';

/** A CSV file from its lines (header first); every line ends with a newline, as spreadsheets write them. */
function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

const COMPANY_HEADER =
  'externalId,name,kind,website,country,region,city,foundedYear,employees,pitch,description,sectors,therapeuticAreas,modalities,stage,trl,fundingSoughtEur,ipStatus,lookingFor,technologyNeeds';
const FUND_HEADER =
  'externalId,name,manager,website,country,thesis,stages,ticketMinEur,ticketMaxEur,fundSizeEur,sectors,therapeuticAreas,modalities,geographies,leadInvestor,active';
const CENTRE_HEADER = 'externalId,name,kind,country,region,city,website,description,sectors,therapeuticAreas,modalities';

interface Failure {
  row: number;
  field: string;
  message: string;
}

/** `row:field` once per pair, by row: one bad cell may break several rules (integer, min, max). */
function rowsAndFields(failed: Failure[]): string[] {
  const sorted = [...failed].sort((a, b) => a.row - b.row);
  return [...new Set(sorted.map((f) => `${f.row}:${f.field}`))];
}

type ProfileTable = 'companies' | 'funds' | 'research_centres';
const ROUTE_OF: Record<ProfileTable, string> = { companies: 'companies', funds: 'funds', research_centres: 'research-centres' };

describe('CSV import of profiles (POST /api/v1/imports/:kind)', () => {
  let ctx: TestContext;
  let staff: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    staff = await ctx.newUser('staff');
  });
  afterAll(() => ctx.close());

  const upload = (kind: string, content: string | Buffer, user: TestUser = staff) =>
    ctx.http
      .post(`/api/v1/imports/${kind}`)
      .set(...bearer(user))
      .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), 'x.csv');

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const [row] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params);
    return row.n;
  };

  /** Reads an imported profile back through the API, found by its externalId. */
  const fetchProfile = async (table: ProfileTable, externalId: string) => {
    const rows: Array<{ id: string }> = await ctx.dataSource.query(`SELECT id FROM ${table} WHERE external_id = $1`, [externalId]);
    expect(rows).toHaveLength(1);
    const res = await ctx.http.get(`/api/v1/${ROUTE_OF[table]}/${rows[0].id}`).set(...bearer(staff)).expect(200);
    return res.body;
  };

  describe('imports each profile type', () => {
    it('imports companies, parsing ints, lists split by ";" and empty cells as "not given"', async () => {
      const file = csv(
        COMPANY_HEADER,
        'ACME-1,Acme Bio,startup,https://acme.example.org,IT,Lombardia,Milano,2019,42,Faster CAR-T manufacturing,"Long description, with a comma",biotech;medtech,oncology; haematology,car_t;cell_therapy,seed,4,2500000,filed,investment;rd_partnership,GMP capacity',
        'ACME-2,Beta Devices,sme,,DE,,,,,,,,,,,,,,,',
      );
      const res = await upload('companies', file).expect(200);
      expect(res.body).toEqual({ created: 2, updated: 0, failed: [] });

      const acme = await fetchProfile('companies', 'ACME-1');
      expect(acme).toMatchObject({
        type: 'company',
        externalId: 'ACME-1',
        name: 'Acme Bio',
        kind: 'startup',
        website: 'https://acme.example.org',
        country: 'IT',
        region: 'Lombardia',
        city: 'Milano',
        foundedYear: 2019,
        employees: 42,
        pitch: 'Faster CAR-T manufacturing',
        description: 'Long description, with a comma',
        sectors: ['biotech', 'medtech'],
        therapeuticAreas: ['oncology', 'haematology'],
        modalities: ['car_t', 'cell_therapy'],
        stage: 'seed',
        trl: 4,
        fundingSoughtEur: 2500000,
        ipStatus: 'filed',
        lookingFor: ['investment', 'rd_partnership'],
        technologyNeeds: 'GMP capacity',
        version: 1,
      });

      const beta = await fetchProfile('companies', 'ACME-2');
      expect(beta).toMatchObject({
        name: 'Beta Devices',
        kind: 'sme',
        country: 'DE',
        website: null,
        city: null,
        foundedYear: null,
        trl: null,
        stage: null,
        sectors: [],
        therapeuticAreas: [],
        modalities: [],
        lookingFor: [],
        version: 1,
      });

      // Every profile has its organisation: nothing orphaned, nothing extra.
      expect(await count(`organisations WHERE type = 'company'`)).toBe(2);
      expect(await count('companies')).toBe(2);
    });

    it('imports funds, parsing bools (true/false, yes/no, sì, 1/0), euro amounts and lists', async () => {
      const file = csv(
        FUND_HEADER,
        'F-1,Lombardy Bio Fund I,Lombardy Capital SGR,https://lbf.example.org,IT,Early-stage life sciences,pre_seed;seed;series_a,250000,3000000,120000000,biotech;medtech,oncology;neurology,small_molecule;gene_therapy,IT;EU,yes,true',
        'F-2,Alpine Health Ventures,,,CH,,growth,,,,,,,WORLD,no,0',
        'F-3,Fondo Salute,,,IT,,,,,,,,,,sì,',
      );
      const res = await upload('funds', file).expect(200);
      expect(res.body).toEqual({ created: 3, updated: 0, failed: [] });

      expect(await fetchProfile('funds', 'F-1')).toMatchObject({
        type: 'fund',
        name: 'Lombardy Bio Fund I',
        manager: 'Lombardy Capital SGR',
        website: 'https://lbf.example.org',
        country: 'IT',
        thesis: 'Early-stage life sciences',
        stages: ['pre_seed', 'seed', 'series_a'],
        ticketMinEur: 250000,
        ticketMaxEur: 3000000,
        fundSizeEur: 120000000,
        sectors: ['biotech', 'medtech'],
        therapeuticAreas: ['oncology', 'neurology'],
        modalities: ['small_molecule', 'gene_therapy'],
        geographies: ['IT', 'EU'],
        leadInvestor: true,
        active: true,
        version: 1,
      });
      expect(await fetchProfile('funds', 'F-2')).toMatchObject({
        manager: null,
        stages: ['growth'],
        ticketMinEur: null,
        geographies: ['WORLD'],
        leadInvestor: false,
        active: false,
      });
      // An empty boolean cell on a new fund takes the column default (active = true).
      expect(await fetchProfile('funds', 'F-3')).toMatchObject({ name: 'Fondo Salute', leadInvestor: true, active: true, stages: [] });
      expect(await count(`organisations WHERE type = 'fund'`)).toBe(3);
    });

    it('imports research centres', async () => {
      const file = csv(
        CENTRE_HEADER,
        'RC-1,Istituto Neurologico Example,irccs,IT,Lombardia,Milano,https://ine.example.org,Neuroscience IRCCS,biotech,neurology;neurodegenerative_diseases,gene_therapy;imaging',
        'RC-2,Politecnico Example TTO,tech_transfer_office,IT,,,,,,,',
      );
      const res = await upload('research-centres', file).expect(200);
      expect(res.body).toEqual({ created: 2, updated: 0, failed: [] });

      expect(await fetchProfile('research_centres', 'RC-1')).toMatchObject({
        type: 'research_centre',
        name: 'Istituto Neurologico Example',
        kind: 'irccs',
        country: 'IT',
        region: 'Lombardia',
        city: 'Milano',
        website: 'https://ine.example.org',
        description: 'Neuroscience IRCCS',
        sectors: ['biotech'],
        therapeuticAreas: ['neurology', 'neurodegenerative_diseases'],
        modalities: ['gene_therapy', 'imaging'],
        version: 1,
      });
      expect(await fetchProfile('research_centres', 'RC-2')).toMatchObject({ kind: 'tech_transfer_office', region: null, sectors: [] });
      expect(await count(`organisations WHERE type = 'research_centre'`)).toBe(2);
    });

    it('accepts the header columns in any order and only a subset of them', async () => {
      const res = await upload('companies', csv('country,kind,name,externalId', 'IT,startup,Reordered,R-1')).expect(200);
      expect(res.body).toEqual({ created: 1, updated: 0, failed: [] });
      expect(await fetchProfile('companies', 'R-1')).toMatchObject({ name: 'Reordered', kind: 'startup', country: 'IT' });
    });
  });

  describe('idempotence by externalId', () => {
    it('a second import of the same file updates every row and duplicates none', async () => {
      const file = csv(
        COMPANY_HEADER,
        'C-1,One,startup,https://one.example.org,IT,Lombardia,Milano,2020,5,Pitch,Desc,biotech,oncology,car_t,seed,3,100000,filed,investment,Needs',
        'C-2,Two,sme,https://two.example.org,IT,Lombardia,Pavia,2001,80,Pitch,Desc,medtech,cardiology,medical_device,series_a,5,200000,granted,licensing_in,Needs',
        'C-3,Three,corporate,https://three.example.org,FR,Île-de-France,Paris,1970,900,Pitch,Desc,pharma,neurology,small_molecule,growth,9,0,none,rd_partnership,Needs',
      );
      expect((await upload('companies', file).expect(200)).body).toEqual({ created: 3, updated: 0, failed: [] });
      const before: Array<{ id: string; external_id: string }> = await ctx.dataSource.query(`SELECT id, external_id FROM companies ORDER BY external_id`);

      expect((await upload('companies', file).expect(200)).body).toEqual({ created: 0, updated: 3, failed: [] });
      expect(await count('companies')).toBe(3);
      expect(await count(`organisations WHERE type = 'company'`)).toBe(3);
      const after: Array<{ id: string; external_id: string }> = await ctx.dataSource.query(`SELECT id, external_id FROM companies ORDER BY external_id`);
      expect(after).toEqual(before);
      expect(await fetchProfile('companies', 'C-2')).toMatchObject({ name: 'Two', city: 'Pavia', sectors: ['medtech'], trl: 5, version: 2 });
    });

    it('re-importing the same file is idempotent also when it has empty list and boolean cells', async () => {
      const companies = csv(COMPANY_HEADER, 'E-1,Sparse,startup,,IT,,,,,,,biotech,,,,3,,,,');
      const funds = csv(FUND_HEADER, 'F-1,Fund,,,IT,,seed,1,2,3,,,,,false,true', 'F-2,Fund two,,,IT,,,,,,,,,,,');
      const centres = csv(CENTRE_HEADER, 'RC-1,Centre,university,IT,,,,,,,');
      for (const [kind, file, rows] of [['companies', companies, 1], ['funds', funds, 2], ['research-centres', centres, 1]] as const) {
        expect((await upload(kind, file).expect(200)).body).toEqual({ created: rows, updated: 0, failed: [] });
        const second = await upload(kind, file);
        expect({ kind, status: second.status, body: second.body }).toEqual({ kind, status: 200, body: { created: 0, updated: rows, failed: [] } });
      }
      expect(await count('companies')).toBe(1);
      expect(await count('funds')).toBe(2);
      expect(await count('research_centres')).toBe(1);
      expect(await count('organisations')).toBe(4);
      expect(await fetchProfile('companies', 'E-1')).toMatchObject({ sectors: ['biotech'], therapeuticAreas: [], lookingFor: [], version: 2 });
      expect(await fetchProfile('funds', 'F-2')).toMatchObject({ leadInvestor: false, active: true, stages: [], version: 2 });
    });

    it('the same externalId in another profile type is another profile', async () => {
      await upload('companies', csv('externalId,name,kind,country', 'SAME,A company,startup,IT')).expect(200);
      const res = await upload('research-centres', csv('externalId,name,kind,country', 'SAME,A centre,irccs,IT')).expect(200);
      expect(res.body).toEqual({ created: 1, updated: 0, failed: [] });
      expect(await count('organisations')).toBe(2);
    });

    it('an update overwrites the columns in the file, keeps the others and bumps version', async () => {
      await upload('companies', csv(COMPANY_HEADER, 'U-1,Old Name,startup,https://old.example.org,IT,Lombardia,Milano,2015,10,,,biotech,oncology,,seed,3,,,investment,')).expect(200);
      const v1 = await fetchProfile('companies', 'U-1');

      const res = await upload('companies', csv('externalId,name,trl,city,sectors', 'U-1,New Name,6,,medtech;diagnostics')).expect(200);
      expect(res.body).toEqual({ created: 0, updated: 1, failed: [] });

      const v2 = await fetchProfile('companies', 'U-1');
      expect(v2).toMatchObject({
        id: v1.id,
        name: 'New Name',
        trl: 6,
        city: null, // an empty cell clears the field
        sectors: ['medtech', 'diagnostics'],
        // columns absent from the file are kept
        kind: 'startup',
        website: 'https://old.example.org',
        region: 'Lombardia',
        foundedYear: 2015,
        therapeuticAreas: ['oncology'],
        lookingFor: ['investment'],
        version: v1.version + 1,
        createdAt: v1.createdAt,
      });
      expect(new Date(v2.updatedAt).getTime()).toBeGreaterThan(new Date(v1.updatedAt).getTime());

      await upload('companies', csv('externalId,trl', 'U-1,7')).expect(200);
      expect(await fetchProfile('companies', 'U-1')).toMatchObject({ trl: 7, version: v1.version + 2, name: 'New Name' });
    });

    it('an update may not clear a required field: the row is reported, the profile kept', async () => {
      await upload('companies', csv('externalId,name,kind,country', 'K-1,Keep,startup,IT')).expect(200);
      const res = await upload('companies', csv('externalId,name,country', 'K-1,,IT')).expect(200);
      expect(res.body).toEqual({ created: 0, updated: 0, failed: [{ row: 2, field: 'name', message: expect.any(String) }] });
      expect(await fetchProfile('companies', 'K-1')).toMatchObject({ name: 'Keep', version: 1 });
    });

    it('an update with an empty list cell clears the list (it does not fail the import)', async () => {
      await upload('companies', csv('externalId,name,kind,country,sectors,lookingFor', 'L-1,Lists,startup,IT,biotech;medtech,investment')).expect(200);
      const res = await upload('companies', csv('externalId,sectors,lookingFor', 'L-1,,')).expect(200);
      expect(res.body).toEqual({ created: 0, updated: 1, failed: [] });
      expect(await fetchProfile('companies', 'L-1')).toMatchObject({ sectors: [], lookingFor: [], version: 2 });
    });

    it('re-validates cross-field rules on the merged fund: a new ticketMinEur above the stored ticketMaxEur is refused', async () => {
      await upload('funds', csv('externalId,name,country,ticketMinEur,ticketMaxEur', 'T-1,Tickets,IT,100000,500000')).expect(200);
      const res = await upload('funds', csv('externalId,ticketMinEur', 'T-1,900000')).expect(200);
      expect(res.body).toEqual({ created: 0, updated: 0, failed: [{ row: 2, field: 'ticketMinEur', message: expect.stringContaining('ticketMaxEur') }] });
      expect(await fetchProfile('funds', 'T-1')).toMatchObject({ ticketMinEur: 100000, version: 1 });
    });
  });

  describe('bad rows are reported while good rows are imported', () => {
    it('reports each bad company row with its line number and field', async () => {
      const file = csv(
        'externalId,name,kind,country,trl,sectors',
        'G-1,Good one,startup,IT,5,biotech', // line 2
        'B-TRL,Bad trl,startup,IT,0,biotech', // line 3
        'B-TAX,Bad sector,startup,IT,5,biotech;astrology', // line 4
        ',No external id,startup,IT,5,', // line 5
        'G-1,Duplicate of line 2,startup,IT,5,', // line 6
        'B-KIND,Bad kind,megacorp,IT,5,', // line 7
        'B-INT,Bad int,startup,IT,five,', // line 8
        'B-COUNTRY,Bad country,startup,XX,5,', // line 9
        'G-2,Good two,sme,FR,,', // line 10
      );
      const res = await upload('companies', file).expect(200);
      expect(res.body.created).toBe(2);
      expect(res.body.updated).toBe(0);
      expect(rowsAndFields(res.body.failed)).toEqual(['3:trl', '4:sectors', '5:externalId', '6:externalId', '7:kind', '8:trl', '9:country']);
      const failed: Failure[] = res.body.failed;
      expect(failed).toEqual(
        expect.arrayContaining([
          { row: 3, field: 'trl', message: expect.stringMatching(/trl must not be less than 1/) },
          { row: 4, field: 'sectors', message: expect.stringContaining('astrology') },
          { row: 5, field: 'externalId', message: expect.stringMatching(/externalId is required/) },
          { row: 6, field: 'externalId', message: expect.stringContaining('line 2') },
          { row: 7, field: 'kind', message: expect.stringMatching(/kind must be one of/) },
          { row: 8, field: 'trl', message: expect.stringMatching(/integer/) },
          { row: 9, field: 'country', message: expect.stringMatching(/ISO 3166/) },
        ]),
      );

      const stored: Array<{ external_id: string; name: string }> = await ctx.dataSource.query(`SELECT external_id, name FROM companies ORDER BY external_id`);
      expect(stored).toEqual([
        { external_id: 'G-1', name: 'Good one' }, // the duplicate on line 6 did not overwrite line 2
        { external_id: 'G-2', name: 'Good two' },
      ]);
      expect(await count('organisations')).toBe(2);
    });

    it('reports a fund whose ticketMinEur exceeds ticketMaxEur, and an unreadable boolean', async () => {
      const file = csv(
        'externalId,name,country,ticketMinEur,ticketMaxEur,fundSizeEur,leadInvestor,stages',
        'F-OK,Good fund,IT,100000,1000000,50000000,true,seed', // line 2
        'F-TICKET,Inverted tickets,IT,2000000,1000000,,false,', // line 3
        'F-BOOL,Odd flag,IT,,,,maybe,', // line 4
        'F-STAGE,Odd stage,IT,,,,,seed;series_z', // line 5
        'F-SIZE,Ticket above fund size,IT,1,2000000,1000000,,', // line 6
      );
      const res = await upload('funds', file).expect(200);
      expect(res.body.created).toBe(1);
      expect(rowsAndFields(res.body.failed)).toEqual(['3:ticketMinEur', '4:leadInvestor', '5:stages', '6:ticketMaxEur']);
      expect(res.body.failed).toEqual(
        expect.arrayContaining([
          { row: 3, field: 'ticketMinEur', message: 'ticketMinEur (2000000) must not exceed ticketMaxEur (1000000)' },
          { row: 6, field: 'ticketMaxEur', message: expect.stringContaining('fundSizeEur') },
        ]),
      );
      const stored: Array<{ external_id: string }> = await ctx.dataSource.query(`SELECT external_id FROM funds`);
      expect(stored).toEqual([{ external_id: 'F-OK' }]);
    });

    it('reports a research centre of the wrong kind and one missing a required column value', async () => {
      const file = csv(
        'externalId,name,kind,country,therapeuticAreas',
        'RC-OK,Good centre,hospital,IT,cardiology', // line 2
        'RC-KIND,Wrong kind,startup,IT,', // line 3
        'RC-NAME,,irccs,IT,', // line 4
        'RC-TA,Bad area,university,IT,cardiology;alchemy', // line 5
      );
      const res = await upload('research-centres', file).expect(200);
      expect(res.body.created).toBe(1);
      expect(rowsAndFields(res.body.failed)).toEqual(['3:kind', '4:name', '5:therapeuticAreas']);
      expect(res.body.failed).toEqual(expect.arrayContaining([{ row: 5, field: 'therapeuticAreas', message: expect.stringContaining('alchemy') }]));
      expect(await count('research_centres')).toBe(1);
    });

    it('counts blank lines and a row with the wrong number of cells when numbering rows', async () => {
      const file = csv(
        'externalId,name,kind,country',
        'A-1,First,startup,IT', // line 2
        '', // line 3, skipped
        'A-2,Too,many,cells,here', // line 4
        'A-3,Third,startup,XX', // line 5
        'A-4,Fourth,sme,IT', // line 6
      );
      const res = await upload('companies', file).expect(200);
      expect(res.body.created).toBe(2);
      expect(rowsAndFields(res.body.failed)).toEqual(['4:*', '5:country']);
      expect(res.body.failed[0]).toEqual({ row: 4, field: '*', message: expect.stringMatching(/unreadable row/) });
    });

    it('numbers rows as a spreadsheet shows them (a record with a line break in a cell is one row), with CRLF endings', async () => {
      const file = [
        'externalId,name,kind,country,description',
        'M-1,Multi,startup,IT,"first line',
        'second line"',
        'M-2,Plain,startup,IT,',
        'M-3,Bad too,nope,IT,',
      ].join('\r\n');
      const res = await upload('companies', `${file}\r\n`).expect(200);
      expect(res.body).toEqual({
        created: 2,
        updated: 0,
        failed: [{ row: 4, field: 'kind', message: expect.any(String) }],
      });
      expect(await fetchProfile('companies', 'M-1')).toMatchObject({ description: 'first line\r\nsecond line' });
    });

    it('reports a bad multi-line row at the line where the row starts', async () => {
      const file = csv(
        'externalId,name,kind,country,trl,description',
        'ML-1,Good,startup,IT,3,', // line 2
        'ML-2,Bad,startup,IT,0,"a description', // line 3: the row starts here ...
        'on two lines"', // ... and ends on line 4
      );
      const res = await upload('companies', file).expect(200);
      expect(res.body.created).toBe(1);
      expect(rowsAndFields(res.body.failed)).toEqual(['3:trl']);
    });
  });

  describe('malformed CSV', () => {
    it('an unclosed quote makes the file unreadable: 400 naming the line, and nothing is written', async () => {
      const file = csv(
        'externalId,name,kind,country',
        'Q-1,Before,startup,IT', // line 2
        'Q-2,"Broken,startup,IT', // line 3: the quote never closes, so the rest of the file is inside it
        'Q-3,After,startup,IT', // line 4
      );
      const res = await upload('companies', file).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'csv', message: expect.stringMatching(/quote/i) })]);
      expect(await count('companies')).toBe(0);
      expect(await count('organisations')).toBe(0);
    });

    it('a broken quote never drops the rows after it silently: every row is imported or reported (or the file is refused)', async () => {
      const file = csv(
        'externalId,name,kind,country',
        'Q-1,Before,startup,IT', // line 2
        'Q-2,"Broken,startup,IT', // line 3: the row that is broken
        'Q-3,After,startup,IT', // line 4
        'Q-4,Last,startup,IT', // line 5
      );
      const res = await upload('companies', file);
      if (res.status === 400) {
        // Refusing the unreadable file as a whole is sensible too, as long as nothing is written.
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
        expect(await count('companies')).toBe(0);
      } else {
        expect(res.status).toBe(200);
        const reportedRows = new Set((res.body.failed as Failure[]).map((f) => f.row));
        expect(reportedRows).toContain(3);
        expect(res.body.created + reportedRows.size).toBe(4);
      }
    });

    it('a stray quote after a quoted cell fails that row only (or the file is refused)', async () => {
      const file = csv('externalId,name,kind,country', 'S-1,Fine,startup,IT', 'S-2,"Bad" quote,startup,IT', 'S-3,Also fine,sme,IT', 'S-4,Fine too,sme,IT');
      const res = await upload('companies', file);
      if (res.status === 400) {
        expect(await count('companies')).toBe(0);
      } else {
        expect(res.status).toBe(200);
        expect(rowsAndFields(res.body.failed)).toEqual(['3:*']);
        const stored: Array<{ external_id: string }> = await ctx.dataSource.query(`SELECT external_id FROM companies ORDER BY external_id`);
        expect(stored.map((r) => r.external_id)).toEqual(['S-1', 'S-3', 'S-4']);
      }
    });

    it('an empty file is refused: it has no externalId column', async () => {
      const res = await upload('companies', '').expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(await count('companies')).toBe(0);
    });
  });

  describe('text encoding', () => {
    it('strips a UTF-8 BOM and keeps Italian accented text intact', async () => {
      const file = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          csv(
            'externalId,name,kind,country,region,city,pitch,description',
            'IT-1,Società Farmaceutica Cantù S.p.A.,corporate,IT,Lombardia,Cantù,Perché più è già meglio,"Ricerca & Sviluppo: “qualità”, affidabilità, così è"',
          ),
          'utf8',
        ),
      ]);
      const res = await upload('companies', file).expect(200);
      expect(res.body).toEqual({ created: 1, updated: 0, failed: [] });
      expect(await fetchProfile('companies', 'IT-1')).toMatchObject({
        externalId: 'IT-1',
        name: 'Società Farmaceutica Cantù S.p.A.',
        city: 'Cantù',
        pitch: 'Perché più è già meglio',
        description: 'Ricerca & Sviluppo: “qualità”, affidabilità, così è',
      });
    });
  });

  describe('refused requests (nothing written)', () => {
    const good = csv('externalId,name,kind,country', 'N-1,Nothing,startup,IT');

    it('an unknown column is a 400 naming it', async () => {
      const res = await upload('companies', csv('externalId,name,kind,country,favouriteColour', 'N-1,Nothing,startup,IT,blue')).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.message).toContain('favouriteColour');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'knownColumns', message: expect.stringContaining('favouriteColour') })]);
      expect(await count('companies')).toBe(0);
      expect(await count('organisations')).toBe(0);
    });

    it('a column of another profile type is unknown too', async () => {
      const res = await upload('research-centres', csv('externalId,name,kind,country,trl', 'N-1,Nothing,irccs,IT,3')).expect(400);
      expect(res.body.message).toContain('trl');
      expect(await count('research_centres')).toBe(0);
    });

    it('a header without externalId is a 400', async () => {
      const res = await upload('companies', csv('name,kind,country', 'Nothing,startup,IT')).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'externalIdColumn' })]);
      expect(await count('companies')).toBe(0);
    });

    it('a multipart request without the file field is a 400', async () => {
      const res = await ctx.http.post('/api/v1/imports/companies').set(...bearer(staff)).field('note', 'no file here').expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'required' })]);
    });

    it('a file under another field name is a 400', async () => {
      const res = await ctx.http.post('/api/v1/imports/companies').set(...bearer(staff)).attach('upload', Buffer.from(good), 'x.csv').expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'required' })]);
      expect(await count('companies')).toBe(0);
    });

    it('a body that is not multipart is a 400', async () => {
      const asText = await ctx.http.post('/api/v1/imports/companies').set(...bearer(staff)).set('content-type', 'text/csv').send(good).expect(400);
      expect(asText.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'multipart' })]);
      const asJson = await ctx.http.post('/api/v1/imports/companies').set(...bearer(staff)).send({ file: good }).expect(400);
      expect(asJson.body.code).toBe('VALIDATION_FAILED');
      expect(await count('companies')).toBe(0);
    });

    it('a multipart body cut short (no closing boundary) is a 400, not a hang', async () => {
      const boundary = 'hubmatchboundary';
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n${good}`;
      const res = await ctx.http
        .post('/api/v1/imports/companies')
        .set(...bearer(staff))
        .set('content-type', `multipart/form-data; boundary=${boundary}`)
        .timeout(5000)
        .send(body)
        .catch((error: Error) => ({ status: 0, body: { timeout: error.message } }));
      expect(res.status).toBe(400);
      expect(await count('companies')).toBe(0);
    });

    it('an unknown kind is a 400 naming the accepted ones', async () => {
      const res = await upload('nope', good).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'kind', rule: 'isIn', message: expect.stringContaining('research-centres') })]);
      expect(await count('organisations')).toBe(0);
    });

    it('a user who is not staff is refused with 403', async () => {
      for (const role of ['company', 'investor', 'research_centre'] as const) {
        const user = await ctx.newUser(role);
        const res = await upload('companies', good, user).expect(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expect(await count('companies')).toBe(0);
    });

    it('an anonymous caller is refused with 401', async () => {
      const res = await ctx.http.post('/api/v1/imports/companies').attach('file', Buffer.from(good), 'x.csv').expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
      const badToken = await ctx.http.post('/api/v1/imports/companies').set('authorization', 'Bearer not-a-jwt').attach('file', Buffer.from(good), 'x.csv').expect(401);
      expect(badToken.body.code).toBe('UNAUTHENTICATED');
      expect(await count('companies')).toBe(0);
    });
  });

  describe('volume', () => {
    it('imports 10,000 company rows, then updates them all on a second import', async () => {
      const kinds = ['startup', 'sme', 'corporate'];
      const sectors = ['biotech', 'medtech', 'pharma;biopharma', 'diagnostics;in_vitro_diagnostics', 'digital_health'];
      const lines = [
        'externalId,name,kind,country,city,foundedYear,employees,sectors,therapeuticAreas,trl,description',
      ];
      for (let i = 0; i < 10_000; i++) {
        lines.push(
          `V-${i},Società Numero ${i} Cantù,${kinds[i % 3]},IT,Città ${i % 97},${1990 + (i % 30)},${i % 500},${sectors[i % 5]},oncology;cardiology,${1 + (i % 9)},"Perché è più efficace, n. ${i}"`,
        );
      }
      const file = csv(...lines);

      const first = await upload('companies', file).expect(200);
      expect(first.body).toEqual({ created: 10_000, updated: 0, failed: [] });
      expect(await count('companies')).toBe(10_000);
      expect(await count(`organisations WHERE type = 'company'`)).toBe(10_000);
      // Multi-byte characters split across stream chunks must survive.
      expect(await count(`companies WHERE name = 'Società Numero ' || substring(external_id from 3) || ' Cantù'`)).toBe(10_000);
      expect(await count(`companies WHERE description LIKE 'Perché è più efficace, n. %' AND position(chr(65533) in description || name || city) = 0`)).toBe(10_000);
      expect(await fetchProfile('companies', 'V-9999')).toMatchObject({ name: 'Società Numero 9999 Cantù', kind: 'startup', trl: 1, sectors: ['digital_health'] });
      expect(await fetchProfile('companies', 'V-1002')).toMatchObject({ kind: 'startup', foundedYear: 2002, sectors: ['pharma', 'biopharma'], therapeuticAreas: ['oncology', 'cardiology'] });

      const second = await upload('companies', file).expect(200);
      expect(second.body).toEqual({ created: 0, updated: 10_000, failed: [] });
      expect(await count('companies')).toBe(10_000);
      expect(await count('companies WHERE version = 2')).toBe(10_000);
    }, 120_000);
  });
});
