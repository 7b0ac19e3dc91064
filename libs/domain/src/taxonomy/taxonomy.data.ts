import type { TaxonomyDefinition, TaxonomyTerm } from './taxonomy.types';

/**
 * The hub's vocabulary, taken from its brochure (sectors, the IRCCS areas, the modalities it names) and
 * versioned here: a change of codes is a change of this file and of `version`, reviewed like code.
 */
function t(code: string, parent: string | null, en: string, it: string, synEn: string[] = [], synIt: string[] = []): TaxonomyTerm {
  return { code, parent, labels: { en, it }, synonyms: { en: synEn, it: synIt } };
}

export const TAXONOMY: TaxonomyDefinition = {
  version: '2026.11.1',
  sectors: [
    t('pharma', null, 'Pharmaceuticals', 'Farmaceutico', ['pharmaceutical', 'drugs'], ['farmaci', 'farmaceutica']),
    t('biopharma', 'pharma', 'Biopharma', 'Biofarmaceutico', ['biopharmaceutical'], ['biofarmaceutica']),
    t('biotech', null, 'Biotechnology', 'Biotecnologie', ['biotech', 'red biotech'], ['biotecnologia']),
    t('medtech', null, 'Medical technology', 'Tecnologie mediche', ['medical devices', 'medtech'], ['dispositivi medici', 'dispositivo medico']),
    t('diagnostics', null, 'Diagnostics', 'Diagnostica', ['diagnostic'], ['diagnostico']),
    t('in_vitro_diagnostics', 'diagnostics', 'In-vitro diagnostics', 'Diagnostica in vitro', ['IVD'], ['IVD']),
    t('digital_health', null, 'Digital health', 'Sanità digitale', ['eHealth', 'health tech'], ['salute digitale']),
    t('healthcare_services', null, 'Healthcare services', 'Servizi sanitari', ['care services'], ['servizi per la salute']),
    t('cdmo', null, 'CDMO (contract development and manufacturing)', 'CDMO (sviluppo e produzione conto terzi)', ['CMO', 'contract manufacturing'], ['produzione conto terzi']),
    t('nutraceuticals', null, 'Nutraceuticals', 'Nutraceutica', ['food supplements'], ['integratori', 'nutraceutici']),
  ],
  therapeuticAreas: [
    t('cardiology', null, 'Cardiology', 'Cardiologia', ['cardiovascular', 'heart'], ['cardiovascolare', 'cuore']),
    t('oncology', null, 'Oncology', 'Oncologia', ['cancer', 'tumour', 'tumor'], ['cancro', 'tumore']),
    t('haematology', 'oncology', 'Haematology and blood cancers', 'Ematologia e tumori del sangue', ['hematology', 'leukaemia', 'lymphoma'], ['leucemia', 'linfoma']),
    t('rehabilitation', null, 'Rehabilitation', 'Riabilitazione', ['rehab', 'physiotherapy'], ['fisioterapia']),
    t('neurology', null, 'Neurology', 'Neurologia', ['neuroscience', 'brain'], ['neuroscienze', 'cervello']),
    t('neurodegenerative_diseases', 'neurology', 'Neurodegenerative diseases', 'Malattie neurodegenerative', ['Alzheimer', 'Parkinson', 'ALS'], ['Alzheimer', 'Parkinson', 'SLA']),
    t('molecular_medicine', null, 'Molecular medicine', 'Medicina molecolare', [], []),
    t('psychiatry', null, 'Psychiatry', 'Psichiatria', ['mental health'], ['salute mentale']),
    t('rare_diseases', null, 'Rare diseases', 'Malattie rare', ['orphan diseases'], ['malattie orfane']),
    t('musculoskeletal', null, 'Musculoskeletal diseases', "Malattie dell'apparato muscolo-scheletrico", ['orthopaedics', 'orthopedics'], ['ortopedia']),
    t('immunology', null, 'Immunology', 'Immunologia', ['autoimmune', 'inflammation'], ['autoimmunità', 'infiammazione']),
    t('infectious_diseases', null, 'Infectious diseases', 'Malattie infettive', ['infections', 'antimicrobial'], ['infezioni']),
    t('metabolic', null, 'Metabolic diseases', 'Malattie metaboliche', ['metabolism', 'obesity'], ['metabolismo', 'obesità']),
    t('diabetes', 'metabolic', 'Diabetes', 'Diabete', [], []),
    t('respiratory', null, 'Respiratory diseases', 'Malattie respiratorie', ['pulmonology', 'lung'], ['pneumologia', 'polmone']),
    t('ophthalmology', null, 'Ophthalmology', 'Oftalmologia', ['eye'], ['oculistica', 'occhio']),
    t('dermatology', null, 'Dermatology', 'Dermatologia', ['skin'], ['pelle']),
  ],
  modalities: [
    t('small_molecule', null, 'Small molecules', 'Piccole molecole', ['small molecule drug'], []),
    t('biologic', null, 'Biologics', 'Farmaci biologici', ['biological'], ['biologici']),
    t('monoclonal_antibody', 'biologic', 'Monoclonal antibodies', 'Anticorpi monoclonali', ['mAb', 'antibody'], ['anticorpo']),
    t('gene_therapy', null, 'Gene therapy', 'Terapia genica', ['gene editing', 'AAV'], ['editing genico']),
    t('cell_therapy', null, 'Cell therapy', 'Terapia cellulare', ['cellular therapy'], []),
    t('car_t', 'cell_therapy', 'CAR-T', 'CAR-T', ['CAR T', 'chimeric antigen receptor'], []),
    t('stem_cell_therapy', 'cell_therapy', 'Stem-cell therapy', 'Terapia con cellule staminali', ['stem cells'], ['cellule staminali']),
    t('rna', null, 'RNA therapeutics', 'Terapie a RNA', ['RNA'], ['RNA']),
    t('mrna', 'rna', 'mRNA', 'mRNA', ['messenger RNA'], ['RNA messaggero']),
    t('vaccine', null, 'Vaccines', 'Vaccini', ['vaccine'], ['vaccino']),
    t('medical_device', null, 'Medical devices', 'Dispositivi medici', ['device'], ['dispositivo medico']),
    t('implantable_device', 'medical_device', 'Implantable devices', 'Dispositivi impiantabili', ['implant', 'prosthesis'], ['impianto', 'protesi']),
    t('wearable_device', 'medical_device', 'Wearable devices', 'Dispositivi indossabili', ['wearable', 'sensor'], ['indossabile', 'sensore']),
    t('diagnostic_assay', null, 'Diagnostic assays', 'Test diagnostici', ['assay', 'test', 'biomarker'], ['saggio', 'biomarcatore']),
    t('companion_diagnostic', 'diagnostic_assay', 'Companion diagnostics', 'Diagnostica companion', ['CDx'], []),
    t('liquid_biopsy', 'diagnostic_assay', 'Liquid biopsy', 'Biopsia liquida', [], []),
    t('imaging', null, 'Imaging', 'Diagnostica per immagini', ['radiology', 'MRI'], ['radiologia', 'risonanza magnetica']),
    t('software_ai', null, 'Software and AI', 'Software e intelligenza artificiale', ['AI', 'machine learning', 'algorithm'], ['IA', 'intelligenza artificiale', 'apprendimento automatico']),
    t('digital_therapeutic', null, 'Digital therapeutics', 'Terapie digitali', ['DTx'], ['DTx']),
    t('telemedicine', null, 'Telemedicine', 'Telemedicina', ['remote monitoring', 'telehealth'], ['monitoraggio remoto']),
    t('genomics', null, 'Genomics', 'Genomica', ['genetics', 'sequencing', 'NGS'], ['genetica', 'sequenziamento']),
    t('precision_medicine', 'genomics', 'Personalised medicine', 'Medicina personalizzata', ['precision medicine', 'personalized medicine'], ['medicina di precisione']),
  ],
};
