/**
 * Demo ecosystem seeded by `npm run demo`.
 *
 * Research centres are REAL Lombard institutions of the kinds named in the hub's brochure (IRCCS research
 * hospitals across its eight areas, the universities it lists, Fondazione Human Technopole); their names,
 * cities and areas of work are real, but every technology offer attached to them is FICTIONAL, invented for
 * the demo. All companies and funds are FICTIONAL too (each name ends in " (demo)"); any resemblance to real
 * firms is unintended. Websites are left null on purpose rather than guessed.
 *
 * Pure data: taxonomy codes must come from the hub taxonomy (libs/domain/src/taxonomy/taxonomy.data.ts),
 * countries are ISO 3166-1 alpha-2, fund geographies are ISO codes, 'EU' or 'WORLD'.
 */

export interface DemoResearchCentre {
  externalId: string;
  name: string;
  kind: 'irccs' | 'university' | 'research_institute' | 'hospital' | 'tech_transfer_office';
  country: string;
  region: string;
  city: string;
  website: string | null;
  description: string;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  offers: DemoTechnologyOffer[];
}

export interface DemoTechnologyOffer {
  externalId: string;
  title: string;
  description: string;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  trl: number;
  ipStatus: 'none' | 'filed' | 'granted' | 'licensed';
  collaborationTypes: Array<'licensing' | 'co_development' | 'sponsored_research' | 'spin_off'>;
}

export interface DemoCompany {
  externalId: string;
  name: string;
  kind: 'startup' | 'sme' | 'corporate';
  website: string | null;
  country: string;
  region: string | null;
  city: string | null;
  foundedYear: number;
  employees: number;
  pitch: string;
  description: string;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  stage: 'pre_seed' | 'seed' | 'series_a' | 'series_b' | 'series_c_plus' | 'growth';
  trl: number;
  fundingSoughtEur: number;
  ipStatus: 'none' | 'filed' | 'granted' | 'licensed';
  lookingFor: Array<'investment' | 'licensing_in' | 'rd_partnership'>;
  technologyNeeds: string;
}

export interface DemoFund {
  externalId: string;
  name: string;
  manager: string;
  website: string | null;
  country: string;
  thesis: string;
  stages: DemoCompany['stage'][];
  ticketMinEur: number;
  ticketMaxEur: number;
  fundSizeEur: number;
  sectors: string[];
  therapeuticAreas: string[];
  modalities: string[];
  geographies: string[];
  leadInvestor: boolean;
  active: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Research centres (real institutions, fictional offers)
// ---------------------------------------------------------------------------------------------------------

export const DEMO_RESEARCH_CENTRES: DemoResearchCentre[] = [
  // --- Cardiology ---
  {
    externalId: 'rc-centro-cardiologico-monzino',
    name: 'Centro Cardiologico Monzino IRCCS',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'IRCCS hospital and research centre in Milan entirely dedicated to cardiovascular disease. Its research spans atherosclerosis, thrombosis, heart failure, arrhythmias and cardiovascular imaging, with a close link between laboratory and clinic.',
    sectors: ['medtech', 'diagnostics', 'biotech'],
    therapeuticAreas: ['cardiology', 'haematology', 'metabolic'],
    modalities: ['medical_device', 'imaging', 'diagnostic_assay', 'software_ai'],
    offers: [
      {
        externalId: 'to-monzino-ai-echo-triage',
        title: 'AI-assisted echocardiography triage for heart-failure clinics',
        description:
          'A deep-learning model that estimates ejection fraction and flags diastolic dysfunction from standard echo loops, validated retrospectively on a single-centre cohort. Seeking an imaging or software partner to integrate it into existing ultrasound workflows and run a prospective multicentre study.',
        sectors: ['medtech', 'digital_health'],
        therapeuticAreas: ['cardiology'],
        modalities: ['software_ai', 'imaging'],
        trl: 5,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-monzino-platelet-risk-panel',
        title: 'Platelet-activation biomarker panel for post-PCI thrombotic risk',
        description:
          'A blood-based panel of platelet-activation markers that stratifies thrombotic risk after percutaneous coronary intervention, to guide the intensity of antiplatelet therapy. Available for sponsored validation studies or licensing to an IVD manufacturer.',
        sectors: ['diagnostics', 'in_vitro_diagnostics'],
        therapeuticAreas: ['cardiology', 'haematology'],
        modalities: ['diagnostic_assay', 'precision_medicine'],
        trl: 4,
        ipStatus: 'filed',
        collaborationTypes: ['sponsored_research', 'licensing'],
      },
    ],
  },
  {
    externalId: 'rc-policlinico-san-donato',
    name: 'IRCCS Policlinico San Donato',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'San Donato Milanese',
    website: null,
    description:
      'Large IRCCS hospital south-east of Milan specialised in cardiovascular medicine and cardiac surgery, including congenital heart disease in children and adults. It runs clinical research on structural heart interventions, arrhythmias and cardiac imaging.',
    sectors: ['medtech', 'healthcare_services'],
    therapeuticAreas: ['cardiology'],
    modalities: ['medical_device', 'implantable_device', 'imaging'],
    offers: [
      {
        externalId: 'to-psd-congenital-3d-planning',
        title: 'Patient-specific 3D models for congenital heart surgery planning',
        description:
          'A workflow that turns cardiac CT and MRI into printed and virtual patient-specific models used to plan complex congenital repairs and size devices. Looking for a medtech partner to industrialise segmentation and obtain CE marking as a planning tool.',
        sectors: ['medtech'],
        therapeuticAreas: ['cardiology'],
        modalities: ['imaging', 'medical_device', 'software_ai'],
        trl: 6,
        ipStatus: 'none',
        collaborationTypes: ['co_development', 'sponsored_research'],
      },
      {
        externalId: 'to-psd-af-ablation-mapping',
        title: 'Signal-processing algorithm to target ablation in persistent atrial fibrillation',
        description:
          'An algorithm that analyses intracardiac electrograms to locate rotor-like drivers in persistent atrial fibrillation and suggest ablation targets. Early clinical data from a feasibility series; seeking an electrophysiology-mapping company for licensing or joint development.',
        sectors: ['medtech', 'digital_health'],
        therapeuticAreas: ['cardiology'],
        modalities: ['software_ai', 'medical_device'],
        trl: 4,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
    ],
  },
  // --- Oncology ---
  {
    externalId: 'rc-istituto-nazionale-tumori',
    name: 'Fondazione IRCCS Istituto Nazionale dei Tumori',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'Comprehensive cancer centre and IRCCS in Milan dedicated to oncology. It combines patient care with basic, translational and clinical research on solid tumours, haematological malignancies and paediatric cancers.',
    sectors: ['biopharma', 'biotech', 'diagnostics'],
    therapeuticAreas: ['oncology', 'haematology', 'rare_diseases'],
    modalities: ['monoclonal_antibody', 'cell_therapy', 'liquid_biopsy', 'genomics', 'precision_medicine'],
    offers: [
      {
        externalId: 'to-int-ctdna-mrd-colorectal',
        title: 'ctDNA minimal-residual-disease assay for colorectal cancer',
        description:
          'A tumour-informed circulating-tumour-DNA assay that detects minimal residual disease after surgery and anticipates radiological relapse. Retrospective validation completed on a biobanked cohort; available for licensing or co-development with a diagnostics company.',
        sectors: ['diagnostics', 'in_vitro_diagnostics'],
        therapeuticAreas: ['oncology'],
        modalities: ['liquid_biopsy', 'companion_diagnostic', 'genomics'],
        trl: 5,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-int-organoid-drug-screening',
        title: 'Patient-derived tumour organoids for drug screening',
        description:
          'A living biobank of patient-derived organoids from gastrointestinal and soft-tissue tumours, with matched clinical data, offered for drug-response profiling and biomarker discovery under sponsored research agreements.',
        sectors: ['biotech', 'biopharma'],
        therapeuticAreas: ['oncology', 'rare_diseases'],
        modalities: ['precision_medicine'],
        trl: 4,
        ipStatus: 'none',
        collaborationTypes: ['sponsored_research', 'co_development'],
      },
      {
        externalId: 'to-int-bispecific-sarcoma',
        title: 'Bispecific T-cell engager candidate for soft-tissue sarcoma',
        description:
          'A bispecific antibody redirecting T cells against a surface antigen over-expressed in several sarcoma subtypes, with in-vitro killing and mouse efficacy data. The team is open to licensing or to founding a spin-off with an industrial partner.',
        sectors: ['biopharma'],
        therapeuticAreas: ['oncology', 'rare_diseases'],
        modalities: ['monoclonal_antibody', 'biologic'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'spin_off'],
      },
    ],
  },
  {
    externalId: 'rc-istituto-europeo-oncologia',
    name: 'Istituto Europeo di Oncologia (IEO) IRCCS',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'IRCCS comprehensive cancer centre in Milan combining clinical care with research on cancer prevention, diagnosis and treatment. Its programmes include breast and thoracic oncology, radiotherapy and experimental oncology, with a strong early-phase trial activity.',
    sectors: ['biopharma', 'diagnostics', 'medtech'],
    therapeuticAreas: ['oncology', 'haematology'],
    modalities: ['small_molecule', 'imaging', 'genomics', 'precision_medicine'],
    offers: [
      {
        externalId: 'to-ieo-epigenetic-aml-inhibitor',
        title: 'Epigenetic enzyme inhibitor for acute myeloid leukaemia',
        description:
          'An orally available small-molecule series inhibiting a chromatin-modifying enzyme required by leukaemic stem cells, with lead optimisation completed and in-vivo proof of concept. Seeking a pharma partner for IND-enabling studies.',
        sectors: ['pharma', 'biopharma'],
        therapeuticAreas: ['oncology', 'haematology'],
        modalities: ['small_molecule'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-ieo-breast-radiomics',
        title: 'Radiomics signature predicting response to neoadjuvant therapy in breast cancer',
        description:
          'A model combining MRI radiomics and clinical variables to predict pathological complete response before surgery, helping to personalise neoadjuvant treatment. Internally validated; looking for an imaging-software partner.',
        sectors: ['medtech', 'digital_health'],
        therapeuticAreas: ['oncology'],
        modalities: ['imaging', 'software_ai', 'precision_medicine'],
        trl: 5,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
    ],
  },
  // --- Rehabilitation ---
  {
    externalId: 'rc-fondazione-don-gnocchi',
    name: 'IRCCS Fondazione Don Carlo Gnocchi',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      "Fondazione attiva in tutta Italia nella riabilitazione, nell'assistenza e nella ricerca, con sede IRCCS a Milano. La ricerca si concentra su neuroriabilitazione, riabilitazione cardiorespiratoria, tecnologie assistive e robotica per la riabilitazione.",
    sectors: ['medtech', 'healthcare_services', 'digital_health'],
    therapeuticAreas: ['rehabilitation', 'neurology', 'respiratory'],
    modalities: ['wearable_device', 'telemedicine', 'medical_device', 'digital_therapeutic'],
    offers: [
      {
        externalId: 'to-gnocchi-home-telerehab',
        title: 'Home tele-rehabilitation platform for post-stroke upper limb',
        description:
          'A tablet-and-sensor kit with supervised exercise programmes and remote monitoring by the clinical team, tested in a multicentre study in chronic stroke patients. Available for licensing to a digital-health operator or for joint scale-up.',
        sectors: ['digital_health', 'medtech'],
        therapeuticAreas: ['rehabilitation', 'neurology'],
        modalities: ['telemedicine', 'digital_therapeutic', 'wearable_device'],
        trl: 7,
        ipStatus: 'none',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-gnocchi-soft-robotic-glove',
        title: 'Soft robotic glove for hand rehabilitation',
        description:
          'A lightweight pneumatic glove assisting finger flexion and extension during task-oriented therapy, with a prototype tested on healthy volunteers and a small patient series. Looking for a manufacturer to co-develop the product or to form a spin-off.',
        sectors: ['medtech'],
        therapeuticAreas: ['rehabilitation', 'neurology', 'musculoskeletal'],
        modalities: ['medical_device', 'wearable_device'],
        trl: 5,
        ipStatus: 'filed',
        collaborationTypes: ['co_development', 'spin_off'],
      },
    ],
  },
  {
    externalId: 'rc-ics-maugeri',
    name: 'Istituti Clinici Scientifici Maugeri IRCCS',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Pavia',
    website: null,
    description:
      'Network of IRCCS rehabilitation institutes headquartered in Pavia, specialised in cardiorespiratory, neuromotor and occupational rehabilitation. Its research focuses on the long-term management of chronic patients, including telemonitoring and home-care models.',
    sectors: ['healthcare_services', 'medtech', 'digital_health'],
    therapeuticAreas: ['rehabilitation', 'cardiology', 'respiratory'],
    modalities: ['telemedicine', 'wearable_device', 'software_ai'],
    offers: [
      {
        externalId: 'to-maugeri-copd-telemonitoring',
        title: 'Telemonitoring protocol and risk model for COPD exacerbations',
        description:
          'A home telemonitoring protocol for chronic obstructive pulmonary disease combined with a risk score that anticipates exacerbations from oximetry, symptoms and activity data. Offered to telemedicine providers for licensing or sponsored evaluation.',
        sectors: ['digital_health', 'healthcare_services'],
        therapeuticAreas: ['respiratory', 'rehabilitation'],
        modalities: ['telemedicine', 'software_ai', 'wearable_device'],
        trl: 7,
        ipStatus: 'none',
        collaborationTypes: ['licensing', 'sponsored_research'],
      },
    ],
  },
  {
    externalId: 'rc-irccs-eugenio-medea',
    name: 'IRCCS Eugenio Medea – Associazione La Nostra Famiglia',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Bosisio Parini',
    website: null,
    description:
      'Scientific institute of the Associazione La Nostra Famiglia dedicated to research and rehabilitation in developmental disabilities and paediatric neurological conditions. Its main centre is in Bosisio Parini, in the province of Lecco.',
    sectors: ['healthcare_services', 'digital_health', 'medtech'],
    therapeuticAreas: ['rehabilitation', 'neurology', 'psychiatry', 'rare_diseases'],
    modalities: ['digital_therapeutic', 'imaging', 'genomics'],
    offers: [
      {
        externalId: 'to-medea-vr-paediatric-neurorehab',
        title: 'Virtual-reality exergames for paediatric neuromotor rehabilitation',
        description:
          'A library of adaptive virtual-reality exercises for children with cerebral palsy and acquired brain injury, with difficulty tuned automatically from motion data. Seeking a partner to turn the research prototype into a certified digital therapeutic.',
        sectors: ['digital_health'],
        therapeuticAreas: ['rehabilitation', 'neurology'],
        modalities: ['digital_therapeutic', 'software_ai'],
        trl: 6,
        ipStatus: 'none',
        collaborationTypes: ['co_development', 'sponsored_research'],
      },
    ],
  },
  // --- Neurology ---
  {
    externalId: 'rc-istituto-neurologico-besta',
    name: 'Fondazione IRCCS Istituto Neurologico Carlo Besta',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      "IRCCS di riferimento nazionale per le malattie neurologiche dell'adulto e del bambino, con sede a Milano. Svolge ricerca clinica e traslazionale su epilessia, malattie neuromuscolari, neuro-oncologia, malattie neurodegenerative e malattie rare del sistema nervoso.",
    sectors: ['biotech', 'pharma', 'diagnostics'],
    therapeuticAreas: ['neurology', 'neurodegenerative_diseases', 'rare_diseases', 'oncology'],
    modalities: ['gene_therapy', 'diagnostic_assay', 'imaging', 'genomics'],
    offers: [
      {
        externalId: 'to-besta-aav-leukodystrophy',
        title: 'AAV gene-therapy vector for a paediatric leukodystrophy',
        description:
          'An AAV vector restoring a missing enzyme in the central nervous system, with biodistribution and efficacy data in a mouse model of the disease. The group is looking for a biotech licensee or for partners to create a spin-off towards first-in-human studies.',
        sectors: ['biotech'],
        therapeuticAreas: ['neurology', 'rare_diseases'],
        modalities: ['gene_therapy'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'spin_off'],
      },
      {
        externalId: 'to-besta-eeg-seizure-forecasting',
        title: 'Seizure-forecasting algorithm from long-term EEG',
        description:
          'A machine-learning model that estimates seizure likelihood over the following hours from long-term EEG recordings in drug-resistant epilepsy. Seeking a wearable-EEG company to adapt it to ambulatory devices.',
        sectors: ['digital_health', 'medtech'],
        therapeuticAreas: ['neurology'],
        modalities: ['software_ai', 'wearable_device'],
        trl: 4,
        ipStatus: 'none',
        collaborationTypes: ['co_development', 'sponsored_research'],
      },
    ],
  },
  {
    externalId: 'rc-fondazione-mondino',
    name: 'IRCCS Fondazione Mondino',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Pavia',
    website: null,
    description:
      'Neurological IRCCS in Pavia working on headache, movement disorders, sleep medicine, neurorehabilitation and neurodegenerative diseases. It combines clinical neurology with neuroimaging and neurophysiology research and works closely with the University of Pavia.',
    sectors: ['pharma', 'medtech', 'diagnostics'],
    therapeuticAreas: ['neurology', 'neurodegenerative_diseases', 'rehabilitation'],
    modalities: ['imaging', 'diagnostic_assay', 'wearable_device', 'small_molecule'],
    offers: [
      {
        externalId: 'to-mondino-parkinson-gait-kit',
        title: "Wearable gait-analysis kit for Parkinson's disease monitoring",
        description:
          "Inertial sensors and an analysis pipeline that quantify gait freezing and fluctuations in Parkinson's disease at home, validated against clinical scales. Open to licensing or co-development with a wearables or digital-biomarker company.",
        sectors: ['medtech', 'digital_health'],
        therapeuticAreas: ['neurology', 'neurodegenerative_diseases'],
        modalities: ['wearable_device', 'software_ai'],
        trl: 6,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-mondino-migraine-biomarkers',
        title: 'Blood biomarker panel for migraine chronification',
        description:
          'Exploratory panel of circulating markers associated with the transition from episodic to chronic migraine, identified in a clinical cohort. Available for sponsored research with pharma companies developing preventive treatments.',
        sectors: ['in_vitro_diagnostics', 'pharma'],
        therapeuticAreas: ['neurology'],
        modalities: ['diagnostic_assay'],
        trl: 3,
        ipStatus: 'none',
        collaborationTypes: ['sponsored_research'],
      },
    ],
  },
  // --- Molecular medicine ---
  {
    externalId: 'rc-ospedale-san-raffaele',
    name: 'IRCCS Ospedale San Raffaele',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'University hospital and IRCCS in Milan recognised for molecular medicine, with large research programmes in gene and cell therapy, immunology, diabetes and neuroscience. It hosts the San Raffaele Telethon Institute for Gene Therapy (SR-Tiget), where pioneering ex vivo stem-cell gene therapies were developed.',
    sectors: ['biotech', 'biopharma', 'diagnostics'],
    therapeuticAreas: ['molecular_medicine', 'immunology', 'diabetes', 'rare_diseases', 'haematology'],
    modalities: ['gene_therapy', 'cell_therapy', 'car_t', 'stem_cell_therapy', 'genomics'],
    offers: [
      {
        externalId: 'to-hsr-lentiviral-hsc-platform',
        title: 'Lentiviral stem-cell gene-therapy platform for inherited metabolic disorders',
        description:
          'An ex vivo lentiviral platform for haematopoietic stem cells with optimised transduction and conditioning, applicable to several lysosomal storage disorders. Offered for licensing or co-development of new indications.',
        sectors: ['biotech', 'biopharma'],
        therapeuticAreas: ['rare_diseases', 'metabolic', 'molecular_medicine'],
        modalities: ['gene_therapy', 'stem_cell_therapy'],
        trl: 4,
        ipStatus: 'granted',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-hsr-armoured-car-t',
        title: 'Armoured CAR-T construct for solid tumours',
        description:
          'A CAR-T design co-expressing a cytokine module that resists the immunosuppressive tumour micro-environment, with activity in two solid-tumour mouse models. Seeking a cell-therapy company for licensing or a spin-off.',
        sectors: ['biopharma', 'biotech'],
        therapeuticAreas: ['oncology', 'immunology'],
        modalities: ['car_t', 'cell_therapy'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'spin_off'],
      },
      {
        externalId: 'to-hsr-islet-encapsulation',
        title: 'Encapsulation device for islet transplantation in type 1 diabetes',
        description:
          'A retrievable, vascularising capsule that protects transplanted islets from immune attack, tested in small and large animal models. Looking for a medtech partner for co-development and sponsored preclinical studies.',
        sectors: ['medtech', 'biotech'],
        therapeuticAreas: ['diabetes', 'immunology'],
        modalities: ['cell_therapy', 'implantable_device'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['co_development', 'sponsored_research'],
      },
    ],
  },
  // --- Psychiatry ---
  {
    externalId: 'rc-fatebenefratelli-brescia',
    name: 'IRCCS Istituto Centro San Giovanni di Dio Fatebenefratelli',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Brescia',
    website: null,
    description:
      "IRCCS in Brescia dedicated to psychiatry and to Alzheimer's disease and related dementias. It runs clinical and translational research on biomarkers, neuroimaging and psychosocial interventions.",
    sectors: ['healthcare_services', 'diagnostics', 'digital_health'],
    therapeuticAreas: ['psychiatry', 'neurodegenerative_diseases', 'neurology'],
    modalities: ['imaging', 'diagnostic_assay', 'digital_therapeutic'],
    offers: [
      {
        externalId: 'to-fbf-plasma-alzheimer-triage',
        title: "Plasma biomarker workflow for early Alzheimer's triage",
        description:
          "A workflow combining plasma biomarkers with a brief cognitive assessment to decide which memory-clinic patients need PET or CSF testing. Validated in a memory-clinic cohort; available for sponsored validation or co-development with IVD companies.",
        sectors: ['in_vitro_diagnostics', 'diagnostics'],
        therapeuticAreas: ['neurodegenerative_diseases'],
        modalities: ['diagnostic_assay', 'precision_medicine'],
        trl: 5,
        ipStatus: 'none',
        collaborationTypes: ['sponsored_research', 'co_development'],
      },
      {
        externalId: 'to-fbf-psychosis-relapse-app',
        title: 'Smartphone-based relapse prediction in psychosis',
        description:
          'A passive-sensing smartphone app and model that detect early signs of relapse in people with psychotic disorders from sleep, mobility and communication patterns. Looking for a digital-therapeutics partner or spin-off founders.',
        sectors: ['digital_health'],
        therapeuticAreas: ['psychiatry'],
        modalities: ['digital_therapeutic', 'software_ai'],
        trl: 4,
        ipStatus: 'none',
        collaborationTypes: ['co_development', 'spin_off'],
      },
    ],
  },
  // --- Rare diseases ---
  {
    externalId: 'rc-istituto-mario-negri',
    name: 'Istituto di Ricerche Farmacologiche Mario Negri IRCCS',
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'Non-profit biomedical research foundation and IRCCS based in Milan, known for independent pharmacological and clinical research. Its clinical research centre for rare diseases near Bergamo coordinates registries and studies on rare renal and genetic conditions.',
    sectors: ['pharma', 'biopharma'],
    therapeuticAreas: ['rare_diseases', 'neurology', 'oncology', 'cardiology'],
    modalities: ['small_molecule', 'biologic', 'precision_medicine'],
    offers: [
      {
        // The institute traditionally does not patent its results: offered as research collaboration only.
        externalId: 'to-negri-rare-renal-trial-readiness',
        title: 'Natural-history cohorts and trial readiness for rare kidney diseases',
        description:
          'Access to well-characterised natural-history cohorts, registries and protocol design support for companies planning trials in rare glomerular and genetic kidney diseases, under sponsored research agreements.',
        sectors: ['pharma', 'biopharma'],
        therapeuticAreas: ['rare_diseases', 'metabolic'],
        modalities: ['precision_medicine'],
        trl: 4,
        ipStatus: 'none',
        collaborationTypes: ['sponsored_research'],
      },
    ],
  },
  // --- Musculoskeletal ---
  {
    externalId: 'rc-ospedale-galeazzi',
    name: "IRCCS Ospedale Galeazzi – Sant'Ambrogio",
    kind: 'irccs',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      "Orthopaedic IRCCS in Milan, heir of the Istituto Ortopedico Galeazzi and one of Italy's leading centres for joint replacement and spine surgery. Now located in the MIND Milano Innovation District, it carries out musculoskeletal research on biomaterials, biomechanics and regenerative orthopaedics.",
    sectors: ['medtech', 'biotech'],
    therapeuticAreas: ['musculoskeletal', 'rehabilitation'],
    modalities: ['implantable_device', 'stem_cell_therapy', 'imaging', 'medical_device'],
    offers: [
      {
        externalId: 'to-galeazzi-cartilage-scaffold',
        title: 'Bioresorbable scaffold with mesenchymal stem cells for cartilage repair',
        description:
          'A collagen-based scaffold seeded intra-operatively with autologous mesenchymal stem cells for focal cartilage lesions of the knee, with large-animal data and a pilot clinical series. Available for licensing or co-development with an orthopaedic company.',
        sectors: ['medtech', 'biotech'],
        therapeuticAreas: ['musculoskeletal'],
        modalities: ['implantable_device', 'stem_cell_therapy'],
        trl: 5,
        ipStatus: 'granted',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-galeazzi-spine-ai-planning',
        title: 'AI planning tool for spinal fusion surgery',
        description:
          'Software that segments pre-operative CT scans and proposes screw trajectories and sizes for lumbar fusion, validated on retrospective cases. Looking for a licensee among navigation and implant manufacturers.',
        sectors: ['medtech', 'digital_health'],
        therapeuticAreas: ['musculoskeletal'],
        modalities: ['software_ai', 'imaging'],
        trl: 6,
        ipStatus: 'filed',
        collaborationTypes: ['licensing'],
      },
    ],
  },
  // --- Universities ---
  {
    externalId: 'rc-universita-milano',
    name: 'Università degli Studi di Milano',
    kind: 'university',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      "Lombardy's largest university, with a medical faculty and strong departments in pharmacology, biosciences, pharmaceutical sciences and food science. It is building a new science campus in the MIND district next to Human Technopole.",
    sectors: ['pharma', 'biotech', 'nutraceuticals', 'diagnostics'],
    therapeuticAreas: ['molecular_medicine', 'immunology', 'metabolic', 'infectious_diseases'],
    modalities: ['small_molecule', 'biologic', 'vaccine', 'genomics'],
    offers: [
      {
        externalId: 'to-unimi-polyphenol-extract',
        title: 'Standardised polyphenol extract for metabolic syndrome',
        description:
          'A standardised plant extract with a defined polyphenol profile that improved insulin sensitivity and lipid markers in a pilot human study. Offered for licensing to nutraceutical companies.',
        sectors: ['nutraceuticals'],
        therapeuticAreas: ['metabolic', 'cardiology'],
        modalities: ['small_molecule'],
        trl: 5,
        ipStatus: 'granted',
        collaborationTypes: ['licensing'],
      },
      {
        externalId: 'to-unimi-nanoparticle-adjuvant',
        title: 'Lipid nanoparticle adjuvant for protein-subunit vaccines',
        description:
          'A lipid nanoparticle formulation that co-delivers antigen and an innate-immunity agonist, boosting antibody and T-cell responses in mice at lower antigen doses. Seeking a vaccine developer for licensing or co-development.',
        sectors: ['biotech', 'pharma'],
        therapeuticAreas: ['infectious_diseases', 'immunology'],
        modalities: ['vaccine'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
    ],
  },
  {
    externalId: 'rc-politecnico-milano',
    name: 'Politecnico di Milano',
    kind: 'university',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      "Italy's largest technical university, with biomedical engineering, bioinformatics and materials-science groups that work closely with Milan hospitals. Together with Humanitas University it runs a degree course training doctors with biomedical-engineering skills.",
    sectors: ['medtech', 'digital_health', 'diagnostics'],
    therapeuticAreas: ['cardiology', 'musculoskeletal', 'neurology', 'oncology'],
    modalities: ['medical_device', 'implantable_device', 'wearable_device', 'software_ai', 'imaging'],
    offers: [
      {
        externalId: 'to-polimi-heart-on-chip',
        title: 'Beating heart-on-chip platform for cardiotoxicity screening',
        description:
          'A microfluidic device that applies mechanical stimulation to human iPSC-derived cardiomyocytes, giving more predictive cardiotoxicity readouts than static cultures. Available for licensing, sponsored screening projects or a spin-off.',
        sectors: ['biotech', 'pharma'],
        therapeuticAreas: ['cardiology'],
        modalities: ['medical_device', 'diagnostic_assay'],
        trl: 4,
        ipStatus: 'granted',
        collaborationTypes: ['licensing', 'sponsored_research', 'spin_off'],
      },
      {
        externalId: 'to-polimi-microfluidic-ctc',
        title: 'Microfluidic chip for circulating tumour cell isolation',
        description:
          'A label-free microfluidic chip that separates circulating tumour cells from whole blood by size and deformability, compatible with downstream sequencing. Prototype validated with spiked samples and a small patient set.',
        sectors: ['diagnostics', 'in_vitro_diagnostics'],
        therapeuticAreas: ['oncology'],
        modalities: ['liquid_biopsy', 'medical_device'],
        trl: 4,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'spin_off'],
      },
      {
        externalId: 'to-polimi-stent-pressure-sensor',
        title: 'Wireless pressure sensor for vascular stents',
        description:
          'A battery-free sensor that can be integrated into a stent to monitor in-stent restenosis by reading pressure wirelessly from outside the body. Bench and ex vivo testing completed; seeking a cardiovascular device partner.',
        sectors: ['medtech'],
        therapeuticAreas: ['cardiology'],
        modalities: ['implantable_device'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['co_development'],
      },
    ],
  },
  {
    externalId: 'rc-universita-cattolica',
    name: 'Università Cattolica del Sacro Cuore',
    kind: 'university',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'Private university headquartered in Milan with campuses in Brescia and Piacenza-Cremona, and a faculty of medicine linked to the Gemelli hospital in Rome. Its Lombard campuses contribute research in psychology, food and agricultural sciences and economics.',
    sectors: ['nutraceuticals', 'healthcare_services', 'digital_health'],
    therapeuticAreas: ['psychiatry', 'metabolic'],
    modalities: ['digital_therapeutic', 'software_ai'],
    offers: [],
  },
  {
    externalId: 'rc-humanitas-university',
    name: 'Humanitas University',
    kind: 'university',
    country: 'IT',
    region: 'Lombardia',
    city: 'Pieve Emanuele',
    website: null,
    description:
      'International medical university south of Milan, next to the IRCCS Istituto Clinico Humanitas, offering an English-taught medicine degree alongside nursing and physiotherapy courses. Research focuses on immunology, inflammation and cancer, in close connection with the hospital.',
    sectors: ['biotech', 'biopharma', 'medtech'],
    therapeuticAreas: ['immunology', 'oncology', 'respiratory', 'cardiology'],
    modalities: ['monoclonal_antibody', 'biologic', 'imaging'],
    offers: [
      {
        externalId: 'to-hunimed-innate-checkpoint-antibody',
        title: 'Antibody against an innate-immunity checkpoint in liver metastasis',
        description:
          'A monoclonal antibody that reprogrammes tumour-associated macrophages and reduced liver metastases in colorectal cancer models, alone and with PD-1 blockade. Looking for a biopharma partner for licensing or co-development.',
        sectors: ['biopharma'],
        therapeuticAreas: ['oncology', 'immunology'],
        modalities: ['monoclonal_antibody'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
      {
        externalId: 'to-hunimed-ibd-stratification',
        title: 'Microbiome-based stratification test for inflammatory bowel disease',
        description:
          'A stool test combining microbial and host markers to predict response to biologic therapy in inflammatory bowel disease. Discovery cohort completed; available for licensing or sponsored validation.',
        sectors: ['diagnostics', 'in_vitro_diagnostics'],
        therapeuticAreas: ['immunology'],
        modalities: ['diagnostic_assay', 'precision_medicine'],
        trl: 4,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'sponsored_research'],
      },
    ],
  },
  {
    externalId: 'rc-universita-milano-bicocca',
    name: 'Università degli Studi di Milano-Bicocca',
    kind: 'university',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'Ateneo nel nord di Milano con una Scuola di Medicina collegata agli ospedali di Monza e gruppi di ricerca in biotecnologie, scienza dei materiali e data science. Collabora con le imprese su progetti di ricerca sponsorizzata e di trasferimento tecnologico.',
    sectors: ['biotech', 'medtech', 'diagnostics'],
    therapeuticAreas: ['haematology', 'oncology', 'metabolic'],
    modalities: ['biologic', 'genomics', 'software_ai'],
    offers: [
      {
        externalId: 'to-unimib-biologic-stabiliser',
        title: 'Excipient system stabilising biologics at room temperature',
        description:
          'A combination of excipients that prevents aggregation of monoclonal antibodies and other proteins during storage outside the cold chain, tested on several commercial molecules. Offered for licensing to biopharma companies and CDMOs.',
        sectors: ['biopharma', 'cdmo'],
        therapeuticAreas: ['immunology'],
        modalities: ['biologic', 'monoclonal_antibody'],
        trl: 4,
        ipStatus: 'granted',
        collaborationTypes: ['licensing'],
      },
      {
        externalId: 'to-unimib-paediatric-all-mrd',
        title: 'NGS-based minimal residual disease monitoring in paediatric leukaemia',
        description:
          'A next-generation-sequencing assay that tracks clonal rearrangements to measure minimal residual disease in childhood acute lymphoblastic leukaemia with high sensitivity. Looking for an IVD partner for licensing or co-development.',
        sectors: ['in_vitro_diagnostics', 'diagnostics'],
        therapeuticAreas: ['haematology', 'oncology'],
        modalities: ['genomics', 'companion_diagnostic'],
        trl: 5,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'co_development'],
      },
    ],
  },
  {
    externalId: 'rc-universita-pavia',
    name: 'Università degli Studi di Pavia',
    kind: 'university',
    country: 'IT',
    region: 'Lombardia',
    city: 'Pavia',
    website: null,
    description:
      "Historic university with a medical faculty closely linked to the Policlinico San Matteo and to Pavia's IRCCS network. Research strengths include haematology, pharmacology, molecular biology and bioengineering.",
    sectors: ['pharma', 'biotech', 'medtech'],
    therapeuticAreas: ['haematology', 'infectious_diseases', 'cardiology', 'neurology'],
    modalities: ['small_molecule', 'monoclonal_antibody', 'cell_therapy', 'medical_device'],
    offers: [
      {
        externalId: 'to-unipv-al-amyloidosis-antibody',
        title: 'Antibody fragment for cardiac light-chain amyloidosis',
        description:
          'An engineered antibody fragment that binds misfolded light chains and promotes clearance of amyloid deposits, with activity in cellular and invertebrate models. Seeking a licensee or partners for a spin-off.',
        sectors: ['biopharma'],
        therapeuticAreas: ['cardiology', 'haematology', 'rare_diseases'],
        modalities: ['monoclonal_antibody', 'biologic'],
        trl: 3,
        ipStatus: 'filed',
        collaborationTypes: ['licensing', 'spin_off'],
      },
      {
        externalId: 'to-unipv-broad-antiviral-hits',
        title: 'Broad-spectrum antiviral small-molecule hit series',
        description:
          'A hit series targeting a host factor used by several respiratory RNA viruses, identified by phenotypic screening and confirmed in cell assays. Available for sponsored research or co-development of a lead-optimisation programme.',
        sectors: ['pharma'],
        therapeuticAreas: ['infectious_diseases', 'respiratory'],
        modalities: ['small_molecule'],
        trl: 2,
        ipStatus: 'filed',
        collaborationTypes: ['sponsored_research', 'co_development'],
      },
    ],
  },
  // --- Research institute ---
  {
    externalId: 'rc-human-technopole',
    name: 'Fondazione Human Technopole',
    kind: 'research_institute',
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    website: null,
    description:
      'Italian institute for life-science research in the MIND Milano Innovation District, on the former Expo 2015 site. Its research centres cover genomics, structural biology, computational biology and neurogenomics, supported by national facilities open to external users.',
    sectors: ['biotech', 'diagnostics'],
    therapeuticAreas: ['molecular_medicine', 'neurodegenerative_diseases', 'rare_diseases'],
    modalities: ['genomics', 'precision_medicine', 'software_ai'],
    offers: [
      {
        externalId: 'to-ht-single-cell-target-discovery',
        title: 'Single-cell multi-omics for target discovery',
        description:
          'Single-cell and spatial sequencing with computational analysis to map disease-relevant cell states and nominate drug targets, offered to companies as collaborative or sponsored research projects.',
        sectors: ['biotech', 'biopharma'],
        therapeuticAreas: ['molecular_medicine', 'neurodegenerative_diseases'],
        modalities: ['genomics', 'software_ai'],
        trl: 6,
        ipStatus: 'none',
        collaborationTypes: ['sponsored_research', 'co_development'],
      },
      {
        externalId: 'to-ht-cryoem-structures',
        title: 'Cryo-EM structure determination for drug targets',
        description:
          'Access to cryo-electron microscopy and expertise to solve structures of membrane proteins and complexes, supporting structure-based design of small molecules and biologics.',
        sectors: ['biopharma', 'pharma'],
        therapeuticAreas: ['molecular_medicine'],
        modalities: ['small_molecule', 'biologic'],
        trl: 6,
        ipStatus: 'none',
        collaborationTypes: ['sponsored_research'],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------
// Companies (all fictional)
// ---------------------------------------------------------------------------------------------------------

export const DEMO_COMPANIES: DemoCompany[] = [
  {
    externalId: 'co-cardiolux-devices',
    name: 'Cardiolux Devices (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2021,
    employees: 12,
    pitch:
      'A patch-sized wearable ECG with an AI model that flags heart-failure decompensation days before symptoms, so clinics can adjust therapy remotely and avoid readmissions.',
    description:
      'Cardiolux Devices develops a disposable chest patch that records ECG, thoracic impedance and activity for up to 14 days. Its algorithm has been trained on ambulatory recordings and is being tested in a pilot with two cardiology departments. The company is preparing CE marking as a class IIa device.',
    sectors: ['medtech', 'digital_health'],
    therapeuticAreas: ['cardiology'],
    modalities: ['wearable_device', 'software_ai', 'telemedicine'],
    stage: 'seed',
    trl: 6,
    fundingSoughtEur: 2_000_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds:
      'Clinical partner for a prospective multicentre validation study; echocardiography-derived labels to improve the heart-failure model.',
  },
  {
    externalId: 'co-oncotrace-diagnostics',
    name: 'OncoTrace Diagnostics (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Pavia',
    foundedYear: 2020,
    employees: 18,
    pitch:
      'Liquid-biopsy tests that read tumour DNA in a blood draw to detect relapse earlier and match patients to targeted therapies.',
    description:
      'OncoTrace runs an accredited sequencing laboratory and sells a targeted NGS panel for advanced lung and colorectal cancer. It now wants to add tumour-informed minimal-residual-disease testing and companion-diagnostic services for pharma trials.',
    sectors: ['diagnostics', 'in_vitro_diagnostics'],
    therapeuticAreas: ['oncology'],
    modalities: ['liquid_biopsy', 'companion_diagnostic', 'genomics'],
    stage: 'series_a',
    trl: 7,
    fundingSoughtEur: 8_000_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'licensing_in'],
    technologyNeeds:
      'In-license a validated ctDNA minimal-residual-disease assay; access to biobanked cohorts with long clinical follow-up.',
  },
  {
    externalId: 'co-neuropasso-therapeutics',
    name: 'NeuroPasso Therapeutics (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2019,
    employees: 22,
    pitch:
      'AAV gene therapies for rare paediatric neurological diseases, built on an in-licensed capsid that crosses the blood-brain barrier after a single intravenous dose.',
    description:
      'NeuroPasso was founded to bring one-time gene therapies to children with rare leukodystrophies and neuromuscular disorders. Its lead programme is in IND-enabling studies and the company is building a second programme with an academic partner.',
    sectors: ['biotech'],
    therapeuticAreas: ['neurology', 'rare_diseases', 'neurodegenerative_diseases'],
    modalities: ['gene_therapy'],
    stage: 'series_a',
    trl: 4,
    fundingSoughtEur: 12_000_000,
    ipStatus: 'licensed',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds:
      'New transgene programmes for paediatric leukodystrophies; access to patient natural-history data and clinical sites for first-in-human studies.',
  },
  {
    externalId: 'co-ortoflex-implants',
    name: 'OrtoFlex Implants (demo)',
    kind: 'sme',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Brescia',
    foundedYear: 2009,
    employees: 85,
    pitch:
      'Knee and hip implants with porous titanium surfaces made by additive manufacturing in our Brescia plant, now moving into biological solutions for cartilage repair.',
    description:
      'OrtoFlex designs and manufactures orthopaedic implants and instruments sold in Italy and ten export markets. The company wants to add a regenerative cartilage product to its knee portfolio and is looking for a research partner and growth capital for the new line.',
    sectors: ['medtech'],
    therapeuticAreas: ['musculoskeletal'],
    modalities: ['implantable_device', 'medical_device'],
    stage: 'series_b',
    trl: 8,
    fundingSoughtEur: 18_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds:
      'Scaffolds or cell-based products for focal cartilage lesions; surgical planning software for knee and spine procedures.',
  },
  {
    externalId: 'co-respirahome',
    name: 'RespiraHome (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Bergamo',
    foundedYear: 2023,
    employees: 7,
    pitch:
      'Telemonitoraggio domiciliare per pazienti con BPCO: un saturimetro connesso e un’app che avvisano il medico quando il rischio di riacutizzazione sale.',
    description:
      'RespiraHome sviluppa un servizio di telemonitoraggio per pazienti con broncopneumopatia cronica ostruttiva, pensato per le cure primarie e i servizi di assistenza domiciliare. Il prototipo è in sperimentazione con due cooperative di medici di base in provincia di Bergamo.',
    sectors: ['digital_health', 'healthcare_services'],
    therapeuticAreas: ['respiratory', 'rehabilitation'],
    modalities: ['telemedicine', 'wearable_device', 'software_ai'],
    stage: 'pre_seed',
    trl: 4,
    fundingSoughtEur: 600_000,
    ipStatus: 'none',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds:
      'Un modello di rischio validato per le riacutizzazioni di BPCO; un partner clinico per uno studio sul campo.',
  },
  {
    externalId: 'co-mentecalma-digital',
    name: 'MenteCalma Digital (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2021,
    employees: 15,
    pitch:
      'Prescription digital therapeutics for anxiety and depression: CBT-based programmes delivered by app, with clinician dashboards and outcome tracking.',
    description:
      'MenteCalma builds app-based cognitive-behavioural programmes designed to be prescribed alongside standard care. Its first product completed a randomised pilot and the company is planning a pivotal study and reimbursement dossiers in Italy and Germany.',
    sectors: ['digital_health'],
    therapeuticAreas: ['psychiatry'],
    modalities: ['digital_therapeutic', 'software_ai'],
    stage: 'seed',
    trl: 6,
    fundingSoughtEur: 2_500_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds:
      'Psychiatric clinical sites for a pivotal trial; passive-sensing relapse-prediction models to extend the product to psychosis.',
  },
  {
    externalId: 'co-quattrofiumi-biologics',
    name: 'Quattrofiumi Biologics CDMO (demo)',
    kind: 'corporate',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Monza',
    foundedYear: 1998,
    employees: 420,
    pitch:
      'Contract development and manufacturing of antibodies and recombinant proteins, from cell-line development to commercial fill-finish, in two GMP plants near Milan.',
    description:
      'Quattrofiumi is a contract development and manufacturing organisation serving European and US biotech companies. It is investing in an mRNA and lipid-nanoparticle suite and in continuous bioprocessing, and seeks technologies that improve product stability and yields.',
    sectors: ['cdmo', 'biopharma'],
    therapeuticAreas: ['oncology', 'immunology', 'infectious_diseases'],
    modalities: ['biologic', 'monoclonal_antibody', 'mrna'],
    stage: 'growth',
    trl: 9,
    fundingSoughtEur: 75_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'licensing_in'],
    technologyNeeds:
      'Formulation technologies for room-temperature stability of biologics; lipid-nanoparticle know-how for mRNA fill-finish.',
  },
  {
    externalId: 'co-glicosense',
    name: 'GlicoSense (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Veneto',
    city: 'Padova',
    foundedYear: 2020,
    employees: 10,
    pitch:
      'A needle-free optical glucose sensor worn on the wrist, paired with an app that predicts hypoglycaemia for people with type 1 diabetes.',
    description:
      'GlicoSense combines near-infrared spectroscopy with machine learning to estimate interstitial glucose without skin penetration. A clinical feasibility study against continuous glucose monitors is under way.',
    sectors: ['medtech', 'digital_health'],
    therapeuticAreas: ['diabetes', 'metabolic'],
    modalities: ['wearable_device', 'software_ai'],
    stage: 'seed',
    trl: 5,
    fundingSoughtEur: 1_800_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds: 'Diabetology centres for clinical accuracy studies; low-power optical sensor design expertise.',
  },
  {
    externalId: 'co-vistanova-ophthalmics',
    name: 'VistaNova Ophthalmics (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2018,
    employees: 25,
    pitch:
      'Antisense RNA drugs injected into the eye to slow inherited retinal dystrophies, starting with a genetically defined form of retinitis pigmentosa.',
    description:
      'VistaNova designs splice-switching antisense oligonucleotides for inherited retinal diseases. Its lead candidate has completed GLP toxicology and the company is raising to run a phase I/II trial.',
    sectors: ['biopharma', 'biotech'],
    therapeuticAreas: ['ophthalmology', 'rare_diseases'],
    modalities: ['rna', 'precision_medicine'],
    stage: 'series_a',
    trl: 5,
    fundingSoughtEur: 14_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds: 'Genetic diagnosis networks to identify eligible patients; ophthalmic delivery technologies for longer dosing intervals.',
  },
  {
    externalId: 'co-immunoforge-bio',
    name: 'ImmunoForge Bio (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2020,
    employees: 30,
    pitch:
      'Next-generation CAR-T cells engineered to survive the hostile environment of solid tumours, manufactured in a point-of-care process.',
    description:
      'ImmunoForge develops armoured CAR-T therapies for solid tumours and haematological cancers, with an in-house GMP process that shortens vein-to-vein time. Its first product is in a phase I study in relapsed lymphoma.',
    sectors: ['biopharma', 'biotech'],
    therapeuticAreas: ['oncology', 'haematology', 'immunology'],
    modalities: ['car_t', 'cell_therapy'],
    stage: 'series_b',
    trl: 6,
    fundingSoughtEur: 35_000_000,
    ipStatus: 'licensed',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds:
      'New CAR constructs or armouring modules for solid tumours; clinical sites with cell-therapy accreditation.',
  },
  {
    externalId: 'co-dermaviva-labs',
    name: 'DermaViva Labs (demo)',
    kind: 'sme',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Bergamo',
    foundedYear: 2005,
    employees: 60,
    pitch:
      'Farmaci topici e dermocosmetici per psoriasi e dermatite atopica, sviluppati e prodotti a Bergamo e distribuiti in farmacia in Italia e in Europa.',
    description:
      "DermaViva è una PMI farmaceutica specializzata in formulazioni topiche. Dopo due prodotti registrati, l'azienda cerca nuove molecole da licenziare e capitali per completare lo sviluppo clinico di una crema per la dermatite atopica.",
    sectors: ['pharma', 'nutraceuticals'],
    therapeuticAreas: ['dermatology', 'immunology'],
    modalities: ['small_molecule'],
    stage: 'series_b',
    trl: 7,
    fundingSoughtEur: 12_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'licensing_in'],
    technologyNeeds: 'Molecole antinfiammatorie in fase preclinica avanzata adatte alla somministrazione topica.',
  },
  {
    externalId: 'co-peptopavia-works',
    name: 'PeptoPavia Works (demo)',
    kind: 'sme',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Pavia',
    foundedYear: 2012,
    employees: 45,
    pitch:
      'Process development and GMP manufacturing of therapeutic peptides, plus our own long-acting peptide for obesity and type 2 diabetes.',
    description:
      'PeptoPavia combines a contract peptide-manufacturing business with an internal pipeline. Its long-acting peptide candidate showed weight loss in preclinical models and the company is seeking partners for clinical development.',
    sectors: ['pharma', 'cdmo'],
    therapeuticAreas: ['metabolic', 'diabetes'],
    modalities: ['small_molecule', 'biologic'],
    stage: 'series_a',
    trl: 5,
    fundingSoughtEur: 6_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds: 'Oral delivery technologies for peptides; metabolic-disease clinical expertise.',
  },
  {
    externalId: 'co-riabilitabot-robotics',
    name: 'RiabilitaBot Robotics (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Monza',
    foundedYear: 2019,
    employees: 20,
    pitch:
      'Compact robots for upper-limb and hand rehabilitation that let one therapist supervise several patients, in the clinic and at home.',
    description:
      'RiabilitaBot sells an end-effector robot for upper-limb therapy to rehabilitation clinics and is developing a home version connected to a tele-rehabilitation platform. It is looking for soft-robotic hand technologies to complete its range.',
    sectors: ['medtech', 'digital_health'],
    therapeuticAreas: ['rehabilitation', 'neurology'],
    modalities: ['medical_device', 'wearable_device', 'telemedicine'],
    stage: 'series_a',
    trl: 7,
    fundingSoughtEur: 5_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds: 'Soft robotic hand orthoses; validated tele-rehabilitation protocols for stroke patients.',
  },
  {
    externalId: 'co-genomappa-analytics',
    name: 'GenoMappa Analytics (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2017,
    employees: 40,
    pitch:
      'Cloud software that turns clinical genome sequencing into reports oncologists and geneticists can act on, in hours instead of weeks.',
    description:
      'GenoMappa provides variant interpretation software to hospital laboratories in Italy and Spain for hereditary cancer, rare diseases and tumour profiling. It plans to expand to pharmacogenomics and to enter the German and French markets.',
    sectors: ['digital_health', 'diagnostics'],
    therapeuticAreas: ['oncology', 'rare_diseases'],
    modalities: ['genomics', 'software_ai', 'precision_medicine'],
    stage: 'series_b',
    trl: 8,
    fundingSoughtEur: 22_000_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds: 'Curated single-cell and multi-omics datasets; clinical partners for pharmacogenomics validation.',
  },
  {
    externalId: 'co-vaxalpina',
    name: 'VaxAlpina (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Toscana',
    city: 'Siena',
    foundedYear: 2021,
    employees: 14,
    pitch:
      'Self-amplifying mRNA vaccines against respiratory viruses, designed to give broad protection at a fraction of the usual dose.',
    description:
      'VaxAlpina develops self-amplifying mRNA vaccine candidates and its own lipid formulations. Its lead candidate targets respiratory syncytial virus in older adults and is in preclinical development.',
    sectors: ['biotech'],
    therapeuticAreas: ['infectious_diseases', 'respiratory'],
    modalities: ['mrna', 'vaccine'],
    stage: 'seed',
    trl: 3,
    fundingSoughtEur: 3_000_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds: 'Adjuvant and nanoparticle technologies; GMP manufacturing partner for clinical batches.',
  },
  {
    externalId: 'co-ecoscanna-imaging',
    name: 'EcoScanna Imaging (demo)',
    kind: 'sme',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2003,
    employees: 130,
    pitch:
      'Ultrasound systems and AI software for cardiology and oncology, designed and built in Milan and used in hospitals in over 30 countries.',
    description:
      'EcoScanna manufactures premium ultrasound scanners and is adding AI modules that automate measurements and triage. It seeks growth capital for international expansion and algorithms to license in.',
    sectors: ['medtech', 'diagnostics'],
    therapeuticAreas: ['cardiology', 'oncology'],
    modalities: ['imaging', 'software_ai', 'medical_device'],
    stage: 'series_c_plus',
    trl: 9,
    fundingSoughtEur: 40_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'licensing_in'],
    technologyNeeds: 'AI models for echocardiography and breast imaging with clinical validation data.',
  },
  {
    externalId: 'co-telecura-network',
    name: 'TeleCura Network (demo)',
    kind: 'sme',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Brescia',
    foundedYear: 2011,
    employees: 75,
    pitch:
      'Servizi di telemedicina e telemonitoraggio per pazienti cronici, integrati con i medici di base e le aziende sanitarie lombarde.',
    description:
      'TeleCura gestisce una centrale operativa di telemonitoraggio per pazienti con scompenso cardiaco, diabete e BPCO, in convenzione con strutture sanitarie pubbliche e private. Cerca capitali per crescere in altre regioni e nuovi protocolli clinici da integrare.',
    sectors: ['healthcare_services', 'digital_health'],
    therapeuticAreas: ['cardiology', 'diabetes', 'respiratory'],
    modalities: ['telemedicine', 'wearable_device'],
    stage: 'growth',
    trl: 9,
    fundingSoughtEur: 55_000_000,
    ipStatus: 'none',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds: 'Modelli predittivi validati per scompenso cardiaco e BPCO; dispositivi indossabili certificati.',
  },
  {
    externalId: 'co-brianzafarm',
    name: 'Brianzafarm Pharmaceuticals (demo)',
    kind: 'corporate',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Monza',
    foundedYear: 1978,
    employees: 900,
    pitch:
      'Mid-sized Italian pharma company with a portfolio in cardiovascular, metabolic and respiratory care, looking for late-preclinical and clinical assets to in-license.',
    description:
      'Brianzafarm markets branded and off-patent medicines in Europe and the Middle East. Its business-development team actively in-licenses assets and co-develops products with universities and IRCCS, and the group runs its own corporate venture fund.',
    sectors: ['pharma', 'nutraceuticals'],
    therapeuticAreas: ['cardiology', 'metabolic', 'respiratory'],
    modalities: ['small_molecule', 'biologic'],
    stage: 'growth',
    trl: 9,
    fundingSoughtEur: 80_000_000,
    ipStatus: 'granted',
    lookingFor: ['licensing_in', 'rd_partnership'],
    technologyNeeds:
      'Clinical-stage assets in cardiometabolic and respiratory diseases; nutraceutical products with clinical evidence.',
  },
  {
    externalId: 'co-oncostella-pharma',
    name: 'Oncostella Pharma (demo)',
    kind: 'corporate',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 1992,
    employees: 650,
    pitch:
      'Specialty oncology company with marketed drugs in haematology and a pipeline of targeted small molecules and antibodies, open to licensing and co-development.',
    description:
      'Oncostella Pharma develops and commercialises cancer medicines in Europe. It partners with research centres to source early assets and biomarkers, and funds sponsored research at Italian cancer institutes.',
    sectors: ['pharma', 'biopharma'],
    therapeuticAreas: ['oncology', 'haematology'],
    modalities: ['small_molecule', 'monoclonal_antibody', 'companion_diagnostic'],
    stage: 'growth',
    trl: 9,
    fundingSoughtEur: 70_000_000,
    ipStatus: 'granted',
    lookingFor: ['licensing_in', 'rd_partnership'],
    technologyNeeds:
      'Preclinical oncology assets with in-vivo proof of concept, especially in myeloid leukaemia and sarcoma; predictive biomarkers for patient selection.',
  },
  {
    externalId: 'co-alpenglanz-medical',
    name: 'Alpenglanz Medical (demo)',
    kind: 'corporate',
    website: null,
    country: 'CH',
    region: 'Ticino',
    city: 'Lugano',
    foundedYear: 1988,
    employees: 1_300,
    pitch:
      'Cardiovascular and spinal implants sold worldwide; we look for sensor, software and biomaterial technologies to build the next generation of smart implants.',
    description:
      'Alpenglanz Medical is a mid-sized implant manufacturer with R&D in Switzerland and production in Switzerland and Italy. Its open-innovation programme licenses technologies from European universities and co-funds development projects.',
    sectors: ['medtech'],
    therapeuticAreas: ['cardiology', 'musculoskeletal'],
    modalities: ['implantable_device', 'medical_device', 'software_ai'],
    stage: 'growth',
    trl: 9,
    fundingSoughtEur: 120_000_000,
    ipStatus: 'granted',
    lookingFor: ['licensing_in', 'rd_partnership'],
    technologyNeeds: 'Wireless implantable sensors; AI-based surgical planning; bioresorbable materials.',
  },
  {
    externalId: 'co-rheinfeld-biologics',
    name: 'Rheinfeld Biologics (demo)',
    kind: 'corporate',
    website: null,
    country: 'DE',
    region: 'Bayern',
    city: 'München',
    foundedYear: 2008,
    employees: 380,
    pitch:
      'Antibody company with two marketed products in immuno-dermatology, raising to take a late-stage pipeline in inflammatory diseases through phase III.',
    description:
      'Rheinfeld Biologics discovers and develops monoclonal antibodies for inflammatory skin and bowel diseases. It collaborates with European hospitals on biomarkers that predict response to biologic therapy.',
    sectors: ['biopharma'],
    therapeuticAreas: ['immunology', 'dermatology'],
    modalities: ['monoclonal_antibody', 'biologic'],
    stage: 'series_c_plus',
    trl: 7,
    fundingSoughtEur: 90_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'licensing_in'],
    technologyNeeds: 'Stratification tests predicting response to biologics in IBD; stable high-concentration formulations.',
  },
  {
    externalId: 'co-rhonelab-diagnostics',
    name: 'Rhônelab Diagnostics (demo)',
    kind: 'sme',
    website: null,
    country: 'FR',
    region: 'Auvergne-Rhône-Alpes',
    city: 'Lyon',
    foundedYear: 2013,
    employees: 55,
    pitch:
      'Rapid molecular tests that identify respiratory and bloodstream pathogens and resistance genes in under an hour, at the point of care.',
    description:
      'Rhônelab makes cartridge-based PCR instruments for emergency departments and intensive care units. It wants to expand its menu to new infectious and inflammatory markers and to enter the Italian market.',
    sectors: ['in_vitro_diagnostics', 'diagnostics'],
    therapeuticAreas: ['infectious_diseases', 'respiratory'],
    modalities: ['diagnostic_assay'],
    stage: 'series_a',
    trl: 8,
    fundingSoughtEur: 9_000_000,
    ipStatus: 'granted',
    lookingFor: ['investment', 'licensing_in'],
    technologyNeeds: 'New biomarker panels for sepsis and respiratory infections; Italian hospital partners for evaluations.',
  },
  {
    externalId: 'co-ramblas-dtx',
    name: 'Ramblas DTx (demo)',
    kind: 'startup',
    website: null,
    country: 'ES',
    region: 'Cataluña',
    city: 'Barcelona',
    foundedYear: 2022,
    employees: 9,
    pitch:
      'Game-based digital therapeutics for children with neurodevelopmental and motor disorders, prescribed by neuropaediatricians and played at home.',
    description:
      'Ramblas DTx develops serious games with adaptive difficulty for paediatric rehabilitation. It is seeking clinical partners in Italy and Spain to run a multicentre efficacy study.',
    sectors: ['digital_health'],
    therapeuticAreas: ['neurology', 'rehabilitation'],
    modalities: ['digital_therapeutic', 'software_ai'],
    stage: 'seed',
    trl: 5,
    fundingSoughtEur: 1_500_000,
    ipStatus: 'none',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds: 'Validated virtual-reality rehabilitation exercises; paediatric rehabilitation centres for trials.',
  },
  {
    externalId: 'co-haemalink',
    name: 'HaemaLink (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2024,
    employees: 6,
    pitch:
      'Base editing of blood stem cells to cure inherited blood disorders with a single treatment, without double-strand DNA breaks.',
    description:
      'HaemaLink is an early-stage company applying base editing to haematopoietic stem cells for beta-thalassaemia and other inherited blood disorders. It has in-vitro proof of concept and is building its founding team.',
    sectors: ['biotech'],
    therapeuticAreas: ['haematology', 'rare_diseases'],
    modalities: ['gene_therapy', 'stem_cell_therapy'],
    stage: 'pre_seed',
    trl: 2,
    fundingSoughtEur: 800_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds: 'Stem-cell transduction and conditioning know-how; access to GMP cell-processing facilities.',
  },
  {
    externalId: 'co-cuorechip',
    name: 'CuoreChip (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2025,
    employees: 4,
    pitch:
      'Organ-on-chip cardiotoxicity testing as a service, so drug developers can catch heart safety issues before animal and human studies.',
    description:
      'CuoreChip is a newly founded company that plans to offer organ-on-chip screening services to pharma and biotech companies. It is negotiating access to a heart-on-chip technology and looking for its first investors.',
    sectors: ['biotech', 'pharma'],
    therapeuticAreas: ['cardiology'],
    modalities: ['medical_device', 'diagnostic_assay'],
    stage: 'pre_seed',
    trl: 3,
    fundingSoughtEur: 350_000,
    ipStatus: 'none',
    lookingFor: ['licensing_in', 'investment'],
    technologyNeeds: 'In-license a heart-on-chip platform with mechanical stimulation; iPSC-derived cardiomyocyte supply.',
  },
  {
    externalId: 'co-nutrigenia',
    name: 'Nutrigenia Bergamasca (demo)',
    kind: 'sme',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Bergamo',
    foundedYear: 2014,
    employees: 35,
    pitch:
      'Integratori alimentari con evidenze cliniche per il metabolismo e la salute cardiovascolare, formulati e prodotti in provincia di Bergamo.',
    description:
      "Nutrigenia sviluppa e produce nutraceutici a base di estratti vegetali standardizzati, venduti in farmacia. L'azienda vuole ampliare la linea per la sindrome metabolica con ingredienti brevettati e studi clinici in collaborazione con le università.",
    sectors: ['nutraceuticals'],
    therapeuticAreas: ['metabolic', 'diabetes', 'cardiology'],
    modalities: ['small_molecule'],
    stage: 'series_a',
    trl: 8,
    fundingSoughtEur: 4_000_000,
    ipStatus: 'granted',
    lookingFor: ['licensing_in', 'investment'],
    technologyNeeds: 'Estratti vegetali brevettati con dati clinici sul metabolismo glucidico e lipidico.',
  },
  {
    externalId: 'co-sonnoquieto',
    name: 'SonnoQuieto (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Pavia',
    foundedYear: 2021,
    employees: 9,
    pitch:
      'A headband that diagnoses sleep apnoea and sleep disorders at home with hospital-grade accuracy, read by AI and reviewed by sleep specialists.',
    description:
      'SonnoQuieto develops a home sleep-testing device that records EEG, oxygen saturation and breathing effort. A validation study against polysomnography is in progress with a Pavia sleep centre.',
    sectors: ['medtech', 'digital_health'],
    therapeuticAreas: ['neurology', 'respiratory'],
    modalities: ['wearable_device', 'software_ai'],
    stage: 'seed',
    trl: 5,
    fundingSoughtEur: 1_200_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds: 'EEG signal-processing algorithms; partnerships with sleep and neurology clinics.',
  },
  {
    externalId: 'co-polmovita-therapeutics',
    name: 'PolmoVita Therapeutics (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2019,
    employees: 16,
    pitch:
      'Inhaled siRNA medicines for rare and chronic lung diseases, delivered directly to the airways with our proprietary nanoparticle.',
    description:
      'PolmoVita develops inhaled RNA-interference therapies for rare lung diseases, starting with a form of pulmonary fibrosis. Its lead candidate showed efficacy in animal models and is entering GLP toxicology.',
    sectors: ['biopharma', 'biotech'],
    therapeuticAreas: ['respiratory', 'rare_diseases'],
    modalities: ['rna'],
    stage: 'series_a',
    trl: 4,
    fundingSoughtEur: 10_000_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'rd_partnership'],
    technologyNeeds: 'Clinical sites for rare lung diseases; inhalation device development partner.',
  },
  {
    externalId: 'co-grandelago-medical',
    name: 'Grandelago Medical Group (demo)',
    kind: 'corporate',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 1985,
    employees: 2_400,
    pitch:
      'Diversified medtech group in imaging, cardiology devices and orthopaedics, with an open-innovation programme for start-ups and research centres.',
    description:
      'Grandelago Medical Group designs and manufactures imaging systems, cardiology devices and orthopaedic products. Its open-innovation unit scouts technologies at Lombard IRCCS and universities and funds co-development projects.',
    sectors: ['medtech', 'diagnostics'],
    therapeuticAreas: ['cardiology', 'oncology', 'musculoskeletal'],
    modalities: ['medical_device', 'imaging', 'implantable_device'],
    stage: 'growth',
    trl: 9,
    fundingSoughtEur: 150_000_000,
    ipStatus: 'granted',
    lookingFor: ['licensing_in', 'rd_partnership'],
    technologyNeeds:
      'AI tools for cardiac and oncological imaging; arrhythmia mapping technologies; regenerative orthopaedic products.',
  },
  {
    externalId: 'co-memoriascreen',
    name: 'MemoriaScreen (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Brescia',
    foundedYear: 2020,
    employees: 11,
    pitch:
      "A blood test and digital cognitive assessment that help GPs and memory clinics spot Alzheimer's disease early and refer the right patients.",
    description:
      "MemoriaScreen combines a plasma biomarker assay with a tablet-based cognitive test to triage patients with memory complaints. It is preparing IVDR certification and wants to partner with memory clinics for real-world validation.",
    sectors: ['in_vitro_diagnostics', 'diagnostics'],
    therapeuticAreas: ['neurodegenerative_diseases', 'neurology'],
    modalities: ['diagnostic_assay', 'precision_medicine', 'software_ai'],
    stage: 'seed',
    trl: 5,
    fundingSoughtEur: 2_800_000,
    ipStatus: 'filed',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds: "Validated plasma-biomarker cut-offs for Alzheimer's disease; memory clinics for a real-world study.",
  },
  {
    externalId: 'co-ossonuovo-regenerative',
    name: 'OssoNuovo Regenerative (demo)',
    kind: 'startup',
    website: null,
    country: 'IT',
    region: 'Lombardia',
    city: 'Milano',
    foundedYear: 2018,
    employees: 19,
    pitch:
      'Regenerative implants that combine bioresorbable scaffolds with the patient’s own stem cells to repair bone and cartilage defects.',
    description:
      'OssoNuovo develops combined scaffold and cell products for orthopaedic defects, based on technology licensed from an academic group. Its bone-graft substitute is in a first-in-human study.',
    sectors: ['biotech', 'medtech'],
    therapeuticAreas: ['musculoskeletal'],
    modalities: ['stem_cell_therapy', 'implantable_device'],
    stage: 'series_a',
    trl: 5,
    fundingSoughtEur: 7_500_000,
    ipStatus: 'licensed',
    lookingFor: ['investment', 'licensing_in', 'rd_partnership'],
    technologyNeeds: 'Cartilage-repair scaffolds; orthopaedic clinical sites for a multicentre study.',
  },
];

// ---------------------------------------------------------------------------------------------------------
// Funds (all fictional)
// ---------------------------------------------------------------------------------------------------------

export const DEMO_FUNDS: DemoFund[] = [
  {
    externalId: 'fd-navigli-medtech-seed',
    name: 'Navigli MedTech Seed (demo)',
    manager: 'Navigli Ventures SGR (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Seed fund for Italian medical-device and digital-health start-ups with a clear regulatory path. We lead first institutional rounds, often alongside hospital partners, and help teams reach CE marking and first clinical evidence.',
    stages: ['pre_seed', 'seed'],
    ticketMinEur: 250_000,
    ticketMaxEur: 2_000_000,
    fundSizeEur: 60_000_000,
    sectors: ['medtech', 'digital_health'],
    therapeuticAreas: ['cardiology', 'musculoskeletal', 'rehabilitation', 'neurology', 'respiratory'],
    modalities: ['medical_device', 'implantable_device', 'wearable_device', 'software_ai', 'telemedicine'],
    geographies: ['IT'],
    leadInvestor: true,
    active: true,
  },
  {
    externalId: 'fd-duomo-oncology-partners',
    name: 'Duomo Oncology Partners I (demo)',
    manager: 'Duomo Life Capital (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Company-creation and Series A fund focused on oncology therapeutics emerging from European cancer centres. We back cell therapies, antibodies and targeted small molecules with strong translational data and take board seats to build the team.',
    stages: ['series_a', 'series_b'],
    ticketMinEur: 3_000_000,
    ticketMaxEur: 15_000_000,
    fundSizeEur: 250_000_000,
    sectors: ['biotech', 'biopharma'],
    therapeuticAreas: ['oncology', 'haematology', 'immunology'],
    modalities: ['car_t', 'cell_therapy', 'monoclonal_antibody', 'small_molecule', 'precision_medicine'],
    geographies: ['EU'],
    leadInvestor: true,
    active: true,
  },
  {
    externalId: 'fd-pixel-salute',
    name: 'Pixel Salute Fund (demo)',
    manager: 'Pixel Salute Capital (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Early-stage fund for digital health: digital therapeutics, telemedicine and AI tools that fit into public health systems. We look for products with a reimbursement route and measurable outcomes for chronic patients.',
    stages: ['seed', 'series_a'],
    ticketMinEur: 500_000,
    ticketMaxEur: 5_000_000,
    fundSizeEur: 80_000_000,
    sectors: ['digital_health', 'healthcare_services'],
    therapeuticAreas: ['psychiatry', 'diabetes', 'respiratory', 'cardiology', 'rehabilitation'],
    modalities: ['digital_therapeutic', 'telemedicine', 'software_ai', 'wearable_device'],
    geographies: ['EU'],
    leadInvestor: true,
    active: true,
  },
  {
    externalId: 'fd-europa-vitae-growth',
    name: 'Europa Vitae Growth Fund (demo)',
    manager: 'Vitae Capital Partners (demo)',
    website: null,
    country: 'LU',
    thesis:
      'Generalist European life-sciences fund investing in later-stage therapeutics, medtech and diagnostics companies approaching pivotal data or commercial launch. We lead or co-lead large rounds and support companies through IPO or trade sale.',
    stages: ['series_b', 'series_c_plus', 'growth'],
    ticketMinEur: 10_000_000,
    ticketMaxEur: 60_000_000,
    fundSizeEur: 900_000_000,
    sectors: ['pharma', 'biopharma', 'biotech', 'medtech', 'diagnostics'],
    therapeuticAreas: ['oncology', 'immunology', 'cardiology', 'neurology', 'rare_diseases', 'metabolic'],
    modalities: ['small_molecule', 'biologic', 'monoclonal_antibody', 'gene_therapy', 'cell_therapy', 'medical_device', 'diagnostic_assay'],
    geographies: ['EU'],
    leadInvestor: true,
    active: true,
  },
  {
    externalId: 'fd-ponte-ricerca-tt',
    name: 'Ponte Ricerca Tech Transfer Fund (demo)',
    manager: 'Ponte Ricerca SGR (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Fondo di trasferimento tecnologico che finanzia progetti di proof of concept e spin-off nati da università e IRCCS italiani. Entriamo prima della costituzione della società e lavoriamo con gli uffici di trasferimento tecnologico su brevetti e licenze.',
    stages: ['pre_seed', 'seed'],
    ticketMinEur: 150_000,
    ticketMaxEur: 1_500_000,
    fundSizeEur: 70_000_000,
    sectors: ['biotech', 'medtech', 'diagnostics', 'pharma'],
    therapeuticAreas: ['oncology', 'neurology', 'cardiology', 'rare_diseases', 'musculoskeletal', 'molecular_medicine'],
    modalities: ['gene_therapy', 'cell_therapy', 'small_molecule', 'monoclonal_antibody', 'medical_device', 'diagnostic_assay'],
    geographies: ['IT'],
    leadInvestor: true,
    active: true,
  },
  {
    externalId: 'fd-helix-alpine-ventures',
    name: 'Helix Alpine Ventures (demo)',
    manager: 'Helix Alpine Management (demo)',
    website: null,
    country: 'CH',
    thesis:
      'Specialist fund for genetic medicines: gene therapy, gene editing, cell therapy and RNA drugs for rare and severe diseases. We invest from seed to Series B in companies from Italy and Switzerland with platform potential.',
    stages: ['seed', 'series_a', 'series_b'],
    ticketMinEur: 2_000_000,
    ticketMaxEur: 20_000_000,
    fundSizeEur: 300_000_000,
    sectors: ['biotech', 'biopharma'],
    therapeuticAreas: ['rare_diseases', 'haematology', 'neurology', 'ophthalmology', 'molecular_medicine', 'respiratory'],
    modalities: ['gene_therapy', 'cell_therapy', 'stem_cell_therapy', 'rna'],
    geographies: ['IT', 'CH'],
    leadInvestor: true,
    active: true,
  },
  {
    externalId: 'fd-lanterna-diagnostics',
    name: 'Lanterna Diagnostics Capital (demo)',
    manager: 'Lanterna Capital (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Fund dedicated to diagnostics and precision medicine: liquid biopsy, molecular and companion diagnostics, and the software that interprets them. We usually co-invest alongside a lead and help companies through IVDR certification.',
    stages: ['seed', 'series_a'],
    ticketMinEur: 1_000_000,
    ticketMaxEur: 8_000_000,
    fundSizeEur: 120_000_000,
    sectors: ['diagnostics', 'in_vitro_diagnostics'],
    therapeuticAreas: ['oncology', 'infectious_diseases', 'neurodegenerative_diseases', 'cardiology'],
    modalities: ['diagnostic_assay', 'liquid_biopsy', 'companion_diagnostic', 'genomics', 'precision_medicine'],
    geographies: ['EU'],
    leadInvestor: false,
    active: true,
  },
  {
    externalId: 'fd-meridian-crossover',
    name: 'Meridian Crossover Life Sciences (demo)',
    manager: 'Meridian Crossover Advisors (demo)',
    website: null,
    country: 'US',
    thesis:
      'Global crossover fund investing in late-stage private and newly listed therapeutics and medtech companies. We join syndicates in pre-IPO rounds where clinical data are de-risked and a clear path to market exists.',
    stages: ['series_c_plus', 'growth'],
    ticketMinEur: 25_000_000,
    ticketMaxEur: 100_000_000,
    fundSizeEur: 1_500_000_000,
    sectors: ['pharma', 'biopharma', 'biotech', 'medtech'],
    therapeuticAreas: ['oncology', 'immunology', 'neurology', 'cardiology', 'rare_diseases'],
    modalities: ['monoclonal_antibody', 'small_molecule', 'gene_therapy', 'biologic', 'implantable_device'],
    geographies: ['WORLD'],
    leadInvestor: false,
    active: true,
  },
  {
    externalId: 'fd-brianzafarm-ventures',
    name: 'Brianzafarm Ventures (demo)',
    manager: 'Brianzafarm Pharmaceuticals (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Corporate venture fund of a mid-sized pharma group, investing in companies whose assets could join its cardiometabolic and respiratory portfolio. Alongside capital we offer development, regulatory and commercial expertise.',
    stages: ['seed', 'series_a', 'series_b'],
    ticketMinEur: 1_000_000,
    ticketMaxEur: 10_000_000,
    fundSizeEur: 100_000_000,
    sectors: ['pharma', 'biopharma', 'nutraceuticals'],
    therapeuticAreas: ['cardiology', 'metabolic', 'diabetes', 'respiratory', 'dermatology'],
    modalities: ['small_molecule', 'biologic', 'rna'],
    geographies: ['EU'],
    leadInvestor: false,
    active: true,
  },
  {
    externalId: 'fd-sinapsi-neuro',
    name: 'Sinapsi Neuro Fund (demo)',
    manager: 'Sinapsi Partners (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Thematic fund for brain health, covering neurological, neurodegenerative and psychiatric disorders. We back both therapeutics and digital or device-based solutions, and value close ties with neurological IRCCS.',
    stages: ['seed', 'series_a'],
    ticketMinEur: 1_000_000,
    ticketMaxEur: 6_000_000,
    fundSizeEur: 90_000_000,
    sectors: ['biotech', 'digital_health', 'medtech', 'diagnostics'],
    therapeuticAreas: ['neurology', 'neurodegenerative_diseases', 'psychiatry', 'rehabilitation'],
    modalities: ['gene_therapy', 'small_molecule', 'digital_therapeutic', 'wearable_device', 'diagnostic_assay'],
    geographies: ['EU', 'CH'],
    leadInvestor: true,
    active: true,
  },
  {
    externalId: 'fd-orobie-preseed',
    name: 'Orobie Pre-Seed Syndicate (demo)',
    manager: 'Orobie Angels (demo)',
    website: null,
    country: 'IT',
    thesis:
      'Business-angel syndicate from Bergamo and Brescia that writes small first cheques in local health start-ups. We follow a lead investor and bring industry mentors from the Lombard medtech and nutraceutical sectors.',
    stages: ['pre_seed'],
    ticketMinEur: 100_000,
    ticketMaxEur: 500_000,
    fundSizeEur: 15_000_000,
    sectors: ['medtech', 'digital_health', 'nutraceuticals', 'healthcare_services'],
    therapeuticAreas: ['respiratory', 'metabolic', 'rehabilitation', 'cardiology'],
    modalities: ['medical_device', 'wearable_device', 'telemedicine', 'software_ai'],
    geographies: ['IT'],
    leadInvestor: false,
    active: true,
  },
  {
    // Fully invested and no longer making new investments: kept to demo how inactive funds are handled.
    externalId: 'fd-sforzesco-ls-fund-i',
    name: 'Sforzesco Life Sciences Fund I (demo)',
    manager: 'Sforzesco Capital SGR (demo)',
    website: null,
    country: 'IT',
    thesis:
      'First-generation Italian life-sciences fund that invested in biopharma and medtech companies at Series A and B. The fund is fully invested and now only supports its existing portfolio.',
    stages: ['series_a', 'series_b'],
    ticketMinEur: 2_000_000,
    ticketMaxEur: 12_000_000,
    fundSizeEur: 150_000_000,
    sectors: ['biopharma', 'medtech'],
    therapeuticAreas: ['oncology', 'cardiology', 'musculoskeletal'],
    modalities: ['small_molecule', 'monoclonal_antibody', 'implantable_device'],
    geographies: ['IT'],
    leadInvestor: true,
    active: false,
  },
];
