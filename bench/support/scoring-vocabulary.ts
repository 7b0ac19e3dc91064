import type { TaxonomyDefinition, TaxonomyDimension } from '@hub/domain';

/** [English, Italian] */
export type Phrases = readonly [readonly string[], readonly string[]];

/**
 * Words a profile may use for a taxonomy code, in English and Italian: the code's labels and synonyms from the
 * taxonomy, plus free wording the taxonomy does not know ("tumori solidi", "linfociti T ingegnerizzati"), as
 * people write it. Free wording is what a text-only profile leans on, and what the scorer cannot map to a code.
 */
const FREE_WORDING: Record<string, Phrases> = {
  oncology: [['solid tumours', 'carcinoma', 'neoplasms', 'tumour microenvironment'], ['tumori solidi', 'carcinoma', 'neoplasie', 'microambiente tumorale']],
  haematology: [['blood cancers', 'myeloma', 'haematological malignancies'], ['tumori del sangue', 'mieloma', 'neoplasie ematologiche']],
  cardiology: [['heart failure', 'atrial fibrillation', 'hypertension'], ['scompenso cardiaco', 'fibrillazione atriale', 'ipertensione']],
  neurology: [['epilepsy', 'stroke', 'migraine'], ['epilessia', 'ictus', 'emicrania']],
  neurodegenerative_diseases: [['dementia', 'neurodegeneration', 'motor neuron disease'], ['demenza', 'neurodegenerazione', 'malattia del motoneurone']],
  psychiatry: [['depression', 'schizophrenia', 'anxiety disorders'], ['depressione', 'schizofrenia', 'disturbi d\'ansia']],
  rare_diseases: [['cystic fibrosis', 'muscular dystrophy', 'lysosomal storage disorders'], ['fibrosi cistica', 'distrofia muscolare', 'malattie lisosomiali']],
  immunology: [['rheumatoid arthritis', 'psoriasis', 'lupus'], ['artrite reumatoide', 'psoriasi', 'lupus']],
  infectious_diseases: [['sepsis', 'antibiotic resistance', 'viral infections'], ['sepsi', 'antibiotico-resistenza', 'infezioni virali']],
  metabolic: [['NASH', 'dyslipidaemia', 'metabolic syndrome'], ['steatosi epatica', 'dislipidemia', 'sindrome metabolica']],
  diabetes: [['type 1 diabetes', 'insulin', 'glycaemic control'], ['diabete di tipo 1', 'insulina', 'controllo glicemico']],
  respiratory: [['COPD', 'asthma', 'pulmonary fibrosis'], ['BPCO', 'asma', 'fibrosi polmonare']],
  ophthalmology: [['macular degeneration', 'glaucoma', 'retina'], ['degenerazione maculare', 'glaucoma', 'retina']],
  dermatology: [['atopic dermatitis', 'wound healing', 'melanoma'], ['dermatite atopica', 'guarigione delle ferite', 'melanoma']],
  musculoskeletal: [['osteoarthritis', 'bone regeneration', 'tendon repair'], ['artrosi', 'rigenerazione ossea', 'riparazione tendinea']],
  rehabilitation: [['post-operative recovery', 'gait training', 'motor recovery'], ['recupero post-operatorio', 'riabilitazione motoria', 'recupero funzionale']],
  molecular_medicine: [['molecular pathways', 'protein targets'], ['meccanismi molecolari', 'bersagli proteici']],
  car_t: [['engineered T cells', 'adoptive cell transfer'], ['linfociti T ingegnerizzati', 'trasferimento cellulare adottivo']],
  cell_therapy: [['cellular immunotherapy', 'NK cells'], ['immunoterapia cellulare', 'cellule NK']],
  stem_cell_therapy: [['mesenchymal cells', 'regenerative medicine'], ['cellule mesenchimali', 'medicina rigenerativa']],
  gene_therapy: [['viral vectors', 'CRISPR', 'gene correction'], ['vettori virali', 'CRISPR', 'correzione genica']],
  monoclonal_antibody: [['bispecific antibodies', 'antibody-drug conjugates'], ['anticorpi bispecifici', 'anticorpi coniugati']],
  small_molecule: [['kinase inhibitors', 'oral drugs', 'medicinal chemistry'], ['inibitori di chinasi', 'farmaci orali', 'chimica farmaceutica']],
  rna: [['siRNA', 'antisense oligonucleotides'], ['siRNA', 'oligonucleotidi antisenso']],
  mrna: [['lipid nanoparticles', 'mRNA vaccines'], ['nanoparticelle lipidiche', 'vaccini a mRNA']],
  vaccine: [['immunisation', 'adjuvants'], ['immunizzazione', 'adiuvanti']],
  medical_device: [['surgical instruments', 'catheters'], ['strumenti chirurgici', 'cateteri']],
  implantable_device: [['neurostimulators', 'stents', 'cochlear implants'], ['neurostimolatori', 'stent', 'impianti cocleari']],
  wearable_device: [['smart patches', 'biosensors', 'smartwatch'], ['cerotti intelligenti', 'biosensori', 'smartwatch']],
  diagnostic_assay: [['point-of-care tests', 'immunoassays'], ['test rapidi', 'immunodosaggi']],
  companion_diagnostic: [['patient selection tests', 'predictive biomarkers'], ['test di selezione dei pazienti', 'biomarcatori predittivi']],
  liquid_biopsy: [['circulating tumour DNA', 'ctDNA'], ['DNA tumorale circolante', 'ctDNA']],
  imaging: [['CT scans', 'ultrasound', 'PET'], ['TAC', 'ecografia', 'PET']],
  software_ai: [['deep learning', 'predictive models', 'computer vision'], ['reti neurali', 'modelli predittivi', 'visione artificiale']],
  digital_therapeutic: [['app-based therapy', 'behavioural therapy app'], ['terapia tramite app', 'app di terapia comportamentale']],
  telemedicine: [['virtual visits', 'home care platform'], ['televisita', 'piattaforma di assistenza domiciliare']],
  genomics: [['whole-genome sequencing', 'bioinformatics'], ['sequenziamento del genoma', 'bioinformatica']],
  precision_medicine: [['targeted therapies', 'patient stratification'], ['terapie mirate', 'stratificazione dei pazienti']],
  biotech: [['life sciences', 'biologics platform'], ['scienze della vita', 'piattaforma biologica']],
  pharma: [['drug development', 'clinical pipeline'], ['sviluppo di farmaci', 'pipeline clinica']],
  biopharma: [['biologic drugs', 'protein therapeutics'], ['farmaci biologici', 'proteine terapeutiche']],
  medtech: [['device engineering', 'surgical technology'], ['ingegneria biomedica', 'tecnologia chirurgica']],
  diagnostics: [['laboratory testing', 'screening'], ['analisi di laboratorio', 'screening']],
  in_vitro_diagnostics: [['lab assays', 'molecular testing'], ['saggi di laboratorio', 'test molecolari']],
  digital_health: [['health apps', 'patient data platform'], ['app per la salute', 'piattaforma dati dei pazienti']],
  healthcare_services: [['clinics network', 'home care'], ['rete di cliniche', 'assistenza domiciliare']],
  cdmo: [['GMP manufacturing', 'scale-up'], ['produzione GMP', 'scale-up']],
  nutraceuticals: [['probiotics', 'dietary supplements'], ['probiotici', 'integratori alimentari']],
};

export interface CodeWording {
  /** Taxonomy labels and synonyms: words the scorer maps to the code. */
  known: Phrases;
  /** Free wording: words the scorer can only match as plain words. */
  free: Phrases;
}

/** Wording of every code of every dimension, keyed `code` (codes are unique across dimensions). */
export function codeWording(taxonomy: TaxonomyDefinition): Map<string, CodeWording> {
  const out = new Map<string, CodeWording>();
  for (const dimension of ['sectors', 'therapeuticAreas', 'modalities'] as const satisfies readonly TaxonomyDimension[]) {
    for (const term of taxonomy[dimension]) {
      out.set(term.code, {
        known: [
          [term.labels.en, ...term.synonyms.en],
          [term.labels.it, ...term.synonyms.it],
        ],
        free: FREE_WORDING[term.code] ?? [[], []],
      });
    }
  }
  return out;
}
