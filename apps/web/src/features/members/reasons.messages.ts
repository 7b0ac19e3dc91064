import { registerMessages } from '../../i18n/messages';

/**
 * Match reasons by factor code, in both languages (the API's labels are English). A factor without an entry
 * here shows the API's label.
 */
export const REASON_MESSAGES = registerMessages({
  en: {
    'reason.thesis_areas': "Fits the fund's sectors, therapeutic areas and modalities",
    'reason.stage': "Stage fits the fund's stages",
    'reason.ticket': "Funding sought fits the fund's ticket range",
    'reason.maturity': 'Technology maturity (TRL) fits the stage',
    'reason.text': "Description matches the fund's thesis",
    'reason.wants_investment': 'Company is raising investment',
    'reason.fund_focus': "Fund specialises in the company's field",
    'reason.ticket_size': 'Ticket can cover the funding sought',
    'reason.company_areas': "The company works in the technology's field",
    'reason.absorption': 'The company can absorb the technology at its maturity (TRL)',
    'reason.collaboration': 'The collaboration offered is what the company looks for',
    'reason.offer_areas': "The technology fits the company's sectors, areas and modalities",
    'reason.needs_text': "The technology matches the company's needs and description",
    'reason.wants_technology': 'The company is looking for technologies or R&D partners',
    'reason.feedback_partner': 'Lowered by your decisions on similar profiles',
    'reason.feedback_company': 'Lowered by your decisions on similar profiles',
  },
  it: {
    'reason.thesis_areas': 'In linea con settori, aree terapeutiche e modalità del fondo',
    'reason.stage': 'Fase coerente con quelle del fondo',
    'reason.ticket': 'Finanziamento cercato nel range di ticket del fondo',
    'reason.maturity': 'Maturità tecnologica (TRL) adeguata alla fase',
    'reason.text': 'Descrizione in linea con la tesi del fondo',
    'reason.wants_investment': "L'impresa cerca investimenti",
    'reason.fund_focus': "Il fondo è specializzato nel campo dell'impresa",
    'reason.ticket_size': 'Il ticket copre il finanziamento cercato',
    'reason.company_areas': "L'impresa opera nel campo della tecnologia",
    'reason.absorption': "L'impresa può assorbire la tecnologia alla sua maturità (TRL)",
    'reason.collaboration': "La collaborazione offerta è quella che l'impresa cerca",
    'reason.offer_areas': "La tecnologia è in linea con settori, aree e modalità dell'impresa",
    'reason.needs_text': "La tecnologia risponde ai bisogni e alla descrizione dell'impresa",
    'reason.wants_technology': "L'impresa cerca tecnologie o partner di R&S",
    'reason.feedback_partner': 'Ridotto dalle tue decisioni su profili simili',
    'reason.feedback_company': 'Ridotto dalle tue decisioni su profili simili',
  },
});
