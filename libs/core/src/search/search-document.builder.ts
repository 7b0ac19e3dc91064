import { normalizeText, searchSynonyms, stripMarkers, type SearchDocument, type SearchDocType } from '@hub/domain';
import type { CompanyEntity, FundEntity, ResearchCentreEntity, TechnologyOfferEntity } from '../database/entities';

/** Joins the non-empty parts of a document's free text. */
function text(...parts: Array<string | null | undefined>): string {
  return stripMarkers(parts.filter((p): p is string => typeof p === 'string' && p.trim().length > 0).join('\n'));
}

function base(type: SearchDocType, id: string, organisationId: string, name: string, tags: Pick<SearchDocument, 'sectors' | 'therapeuticAreas' | 'modalities'>) {
  return {
    id,
    type,
    organisationId,
    name: stripMarkers(name),
    taxonomyText: searchSynonyms.taxonomyText(tags),
    sectors: [...tags.sectors],
    therapeuticAreas: [...tags.therapeuticAreas],
    modalities: [...tags.modalities],
  };
}

/**
 * Search documents from stored rows. Only fields every signed-in user may read go in: a company's funding sought,
 * IP status and technology needs are confidential and are never indexed.
 */
export const SearchDocumentBuilder = {
  company(c: CompanyEntity): SearchDocument {
    return {
      ...base('company', c.id, c.id, c.name, c),
      body: text(c.pitch, c.description, c.city, c.region),
      stages: c.stage ? [c.stage] : [],
      trl: c.trl,
      country: c.country,
    };
  },

  fund(f: FundEntity): SearchDocument {
    return { ...base('fund', f.id, f.id, f.name, f), body: text(f.manager, f.thesis), stages: [...f.stages], trl: null, country: f.country };
  },

  researchCentre(r: ResearchCentreEntity): SearchDocument {
    return { ...base('research_centre', r.id, r.id, r.name, r), body: text(r.description, r.city, r.region), stages: [], trl: null, country: r.country };
  },

  /** An offer is found where its centre is: it takes the centre's country. */
  technologyOffer(o: TechnologyOfferEntity, centreCountry: string): SearchDocument {
    return { ...base('technology_offer', o.id, o.researchCentreId, o.title, o), body: text(o.description), stages: [], trl: o.trl, country: centreCountry };
  },

  /** The key names are sorted by: case and accents ignored. */
  sortKey(name: string): string {
    return normalizeText(name);
  },
};
