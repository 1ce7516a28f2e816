/**
 * The Housing Ombudsman's statutory Complaint Handling Code (England, in force 1 April 2024),
 * as data: every provision the Code's self-assessment form (its Appendix A) asks a landlord to
 * assess itself against, keyed by its number, with the section it sits in and its requirement
 * in short. The requirement texts are faithful paraphrases, not the Code's words; which of them
 * were checked against published self-assessment forms, and which were not, is set out in
 * docs/complaint-handling-code.md. 1.1 is the Code's introduction and is not on the form.
 */

export interface CodeSection {
  readonly number: number;
  readonly title: string;
}

export interface CodeProvision {
  /** "6.2": section, dot, paragraph. */
  readonly provision: string;
  readonly section: number;
  readonly requirement: string;
}

export const CODE_SECTIONS: readonly CodeSection[] = Object.freeze([
  { number: 1, title: 'Definition of a complaint' },
  { number: 2, title: 'Exclusions' },
  { number: 3, title: 'Accessibility and awareness' },
  { number: 4, title: 'Complaint handling staff' },
  { number: 5, title: 'The complaint handling process' },
  { number: 6, title: 'Complaint stages' },
  { number: 7, title: 'Putting things right' },
  { number: 8, title: 'Self-assessment, reporting and compliance' },
  { number: 9, title: 'Scrutiny and oversight: continuous learning and improvement' },
]);

const p = (provision: string, requirement: string): CodeProvision => ({
  provision,
  section: Number(provision.split('.')[0]),
  requirement,
});

/** Every provision, in the Code's order. */
export const CODE_PROVISIONS: readonly CodeProvision[] = Object.freeze([
  // Section 1: Definition of a complaint
  p(
    '1.2',
    'A complaint must be defined as an expression of dissatisfaction, however made, about the standard of service, actions or lack of action by the landlord, its own staff, or those acting on its behalf, affecting a resident or group of residents.',
  ),
  p(
    '1.3',
    'A resident does not have to use the word "complaint" for it to be treated as one; whenever a resident expresses dissatisfaction they must be given the choice to make a complaint. A complaint made through a third party or representative must be handled under the landlord\'s complaints policy.',
  ),
  p(
    '1.4',
    'Landlords must recognise the difference between a service request (a request for action to put something right) and a complaint. Service requests are not complaints, but must be recorded, monitored and reviewed regularly.',
  ),
  p(
    '1.5',
    'A complaint must be raised when the resident is dissatisfied with the response to a service request, even if the service request is still being handled; work on the service request must not stop because the resident complains.',
  ),
  p(
    '1.6',
    'Dissatisfaction expressed through a survey is not a complaint, but the person should where possible be told how to complain; where landlords ask for wider feedback they must give details of how to complain.',
  ),
  // Section 2: Exclusions
  p(
    '2.1',
    'Landlords must accept a complaint unless there is a valid reason not to, and must be able to evidence their reasoning when they do not. Each complaint must be considered on its own merits.',
  ),
  p(
    '2.2',
    'The complaints policy must set out, fairly and reasonably, the circumstances in which a matter will not be considered as a complaint or escalated (for example: the issue arose more than twelve months ago; legal proceedings have started; the matter was considered under the policy before).',
  ),
  p(
    '2.3',
    'Landlords must accept complaints made within 12 months of the issue occurring or the resident becoming aware of it, unless excluded on other grounds, and must consider using discretion to accept older complaints where there are good reasons.',
  ),
  p(
    '2.4',
    'When a complaint is not accepted, the resident must be given a detailed explanation of the reasons and told of their right to take that decision to the Ombudsman.',
  ),
  p(
    '2.5',
    'Landlords must not take a blanket approach to excluding complaints: the individual circumstances of each complaint must be considered.',
  ),
  // Section 3: Accessibility and awareness
  p(
    '3.1',
    'Landlords must make it easy to complain through different channels, consider their duties under the Equality Act 2010 and anticipate the needs and reasonable adjustments of residents who may need to use the complaints process.',
  ),
  p(
    '3.2',
    'Residents must be able to complain in any way and to any member of staff; all staff must know the complaints process and be able to pass a complaint to the right person.',
  ),
  p(
    '3.3',
    'High volumes of complaints must not be seen as a negative (they can show an accessible process); low volumes can be a sign that residents are unable to complain.',
  ),
  p(
    '3.4',
    'Landlords must make their complaints policy available in a clear and accessible format, detailing the two stages, what happens at each and the timescales, and publish it on their website.',
  ),
  p('3.5', 'The policy must explain how the landlord will publicise the policy, the Ombudsman and this Code.'),
  p(
    '3.6',
    'Residents must be given the opportunity to have a representative deal with their complaint, and to be represented or accompanied at any meeting.',
  ),
  p(
    '3.7',
    'Landlords must tell residents about their right to access the Ombudsman and how to engage with the Ombudsman about their complaint.',
  ),
  // Section 4: Complaint handling staff
  p(
    '4.1',
    'Landlords must assign a person or team (the "complaints officer") to take responsibility for complaint handling, including liaison with the Ombudsman and reporting complaints to the governing body.',
  ),
  p(
    '4.2',
    'The complaints officer must have access to staff at all levels to resolve complaints promptly, and the authority and autonomy to act to resolve disputes promptly and fairly.',
  ),
  p(
    '4.3',
    'Landlords are expected to prioritise complaint handling and a culture of learning from complaints; all relevant staff must be suitably trained, and complaint handling must be resourced as a core service.',
  ),
  // Section 5: The complaint handling process
  p(
    '5.1',
    'Landlords must have a single policy for complaints covered by this Code; residents must not be treated differently because they complain.',
  ),
  p(
    '5.2',
    'Early and local resolution is key; extra named stages (such as "stage 0" or "informal complaint") are not appropriate.',
  ),
  p('5.3', 'A process with more than two stages is not acceptable under any circumstances.'),
  p(
    '5.4',
    'Where a third party (a contractor, an independent adjudicator) handles a complaint response at any stage, it must form part of the two-stage process; residents must not go through two complaints processes.',
  ),
  p('5.5', 'Third parties handling complaints for the landlord must be given access to this Code.'),
  p(
    '5.6',
    'When a complaint is logged at stage 1 or escalated to stage 2, landlords must set out their understanding of the complaint and the outcomes the resident is seeking (the "complaint definition"), and ask the resident for clarification of anything unclear.',
  ),
  p(
    '5.7',
    'When acknowledging a complaint at either stage, landlords must be clear which aspects they are and are not responsible for, and clarify any areas where that is not clear.',
  ),
  p(
    '5.8',
    'At each stage complaint handlers must deal with complaints on their merits, act independently and with an open mind, give the resident a fair chance to set out their position, address any actual or perceived conflict of interest, and consider all relevant information and evidence carefully.',
  ),
  p(
    '5.9',
    "Where a response will fall outside the Code's timescales, the landlord must agree with the resident suitable intervals for keeping them informed.",
  ),
  p(
    '5.10',
    'Landlords must make reasonable adjustments under the Equality Act 2010 where appropriate, keep a record of adjustments agreed and of disabilities disclosed, and keep agreed adjustments under active review.',
  ),
  p(
    '5.11',
    'Landlords must not refuse to escalate a complaint through all stages unless they have valid reasons, which must be set out clearly and comply with section 2.',
  ),
  p(
    '5.12',
    'A full record must be kept of the complaint and its outcome at each stage: the original complaint and the date received, all correspondence with the resident and other parties, and any reports or surveys prepared.',
  ),
  p(
    '5.13',
    'Landlords must be able to remedy a complaint at any stage of the process, without the need for escalation.',
  ),
  p(
    '5.14',
    'Landlords must have policies and procedures for managing unacceptable behaviour from residents or their representatives when making a complaint.',
  ),
  p(
    '5.15',
    "Any restriction on a resident's contact because of unacceptable behaviour must be proportionate, appropriate to their needs, and show regard for the Equality Act 2010.",
  ),
  // Section 6: Complaint stages (stage 1: 6.1 to 6.9; stage 2: 6.10 to 6.20)
  p(
    '6.1',
    'Landlords must have processes to consider which complaints can be answered as early as possible and which need further investigation, taking into account complexity and whether the resident is vulnerable or at risk.',
  ),
  p(
    '6.2',
    'Complaints must be acknowledged, defined and logged at stage 1 within five working days of being received.',
  ),
  p('6.3', 'Landlords must issue a full response to a stage 1 complaint within 10 working days of acknowledging it.'),
  p(
    '6.4',
    'Landlords must decide whether an extension is needed given the complexity of the complaint and tell the resident the expected timescale; an extension must be no more than 10 working days without good reason, and the reason must be clearly explained to the resident.',
  ),
  p('6.5', "When a resident is told of an extension, they must be given the Ombudsman's contact details."),
  p(
    '6.6',
    'A response must be sent when the answer to the complaint is known, not when outstanding actions are complete; outstanding actions must still be tracked and acted on promptly, with updates to the resident.',
  ),
  p(
    '6.7',
    'Landlords must address all points raised in the complaint definition and give clear reasons for any decisions, referring to the relevant policy, law and good practice where appropriate.',
  ),
  p(
    '6.8',
    'Related new issues raised before the stage 1 response is issued must be included in it; unrelated issues, issues raised after the response, or issues that would unreasonably delay it must be logged as a new complaint.',
  ),
  p(
    '6.9',
    'At the end of stage 1 landlords must confirm in writing, in clear plain language: the complaint stage, the complaint definition, the decision, the reasons for it, any remedy offered, any outstanding actions, and how to escalate to stage 2.',
  ),
  p(
    '6.10',
    "If all or part of the complaint is not resolved to the resident's satisfaction at stage 1, it must be progressed to stage 2, which is the landlord's final response.",
  ),
  p(
    '6.11',
    'Requests for stage 2 must be acknowledged, defined and logged at stage 2 within five working days of the escalation request being received.',
  ),
  p(
    '6.12',
    'Residents must not be required to explain why they ask for stage 2; landlords are expected to make reasonable efforts to understand why the resident remains unhappy.',
  ),
  p('6.13', 'The person considering the complaint at stage 2 must not be the person who considered it at stage 1.'),
  p('6.14', 'Landlords must issue a final response to a stage 2 complaint within 20 working days of acknowledging it.'),
  p(
    '6.15',
    'Landlords must decide whether a stage 2 extension is needed and tell the resident the expected timescale; an extension must be no more than 20 working days without good reason, and the reason must be clearly explained to the resident.',
  ),
  p('6.16', "When a resident is told of a stage 2 extension, they must be given the Ombudsman's contact details."),
  p(
    '6.17',
    'A stage 2 response must be sent when the answer is known, not when outstanding actions are complete; outstanding actions must still be tracked and acted on promptly, with updates to the resident.',
  ),
  p(
    '6.18',
    'Landlords must address all points raised in the stage 2 complaint definition and give clear reasons for any decisions, referring to the relevant policy, law and good practice where appropriate.',
  ),
  p(
    '6.19',
    'At the end of stage 2 landlords must confirm in writing, in clear plain language: the complaint stage, the complaint definition, the decision, the reasons for it, any remedy offered, any outstanding actions, and how to escalate to the Ombudsman if the resident remains dissatisfied.',
  ),
  p('6.20', "Stage 2 is the landlord's final response and must involve all suitable staff members needed to issue it."),
  // Section 7: Putting things right
  p(
    '7.1',
    'Where something has gone wrong, landlords must acknowledge it and set out what they have done or will do to put it right: for example apologising, acknowledging the failure, explaining, acting on delay, reconsidering a decision, amending a record, a financial remedy, or changing policies, procedures or practices.',
  ),
  p('7.2', 'Any remedy offered must reflect the impact on the resident of the fault identified.'),
  p(
    '7.3',
    'The remedy offer must set out clearly what will happen and by when, agreed with the resident where appropriate, and any remedy proposed must be followed through to completion.',
  ),
  p('7.4', "Landlords must take account of the Ombudsman's guidance when deciding on appropriate remedies."),
  // Section 8: Self-assessment, reporting and compliance
  p(
    '8.1',
    'Landlords must produce an annual complaints performance and service improvement report for scrutiny and challenge, including: the annual self-assessment against this Code; a qualitative and quantitative analysis of complaint handling performance, with a summary of the types of complaint refused; any findings of non-compliance with this Code by the Ombudsman; the service improvements made from learning from complaints; and any annual or other reports from the Ombudsman about the landlord.',
  ),
  p(
    '8.2',
    "The annual report must be reported to the governing body (or equivalent) and published on the complaints section of the landlord's website, with the governing body's response published alongside it.",
  ),
  p(
    '8.3',
    'Landlords must also carry out a self-assessment after a significant restructure, merger or change in procedures.',
  ),
  p('8.4', 'Landlords may be asked to review and update the self-assessment following an Ombudsman investigation.'),
  p(
    '8.5',
    'A landlord unable to comply with the Code because of exceptional circumstances (such as a cyber incident) must inform the Ombudsman, tell residents who may be affected, publish this on its website, and give a timescale for returning to compliance.',
  ),
  // Section 9: Scrutiny and oversight: continuous learning and improvement
  p(
    '9.1',
    'Landlords must look beyond the circumstances of the individual complaint and use complaints as a source of intelligence to identify issues and make positive changes to service delivery.',
  ),
  p(
    '9.2',
    "Landlords must report back on wider learning and improvements from complaints to stakeholders such as residents' panels, staff and relevant committees.",
  ),
  p(
    '9.3',
    'Landlords must appoint a suitably senior lead person accountable for complaint handling, who must assess themes and trends to identify systemic issues, serious risks, or policies and procedures that need revising.',
  ),
  p(
    '9.4',
    'A member of the governing body (or equivalent) must be appointed to have lead responsibility for complaints and support a positive complaint handling culture: the Member Responsible for Complaints (MRC).',
  ),
  p(
    '9.5',
    'The MRC is responsible for ensuring the governing body receives regular information on complaints that gives insight into complaint handling performance, and must have access to suitable information and staff to perform the role and report on their findings.',
  ),
  p(
    '9.6',
    'As a minimum the MRC and the governing body must receive regular updates on the volume, categories and outcomes of complaints and on complaint handling performance; regular reviews of issues and trends; regular updates on the outcomes of Ombudsman investigations and progress on orders after severe maladministration findings; and the annual complaints performance and service improvement report.',
  ),
  p(
    '9.7',
    'Landlords must have a standard objective on complaint handling for all relevant employees or third parties: a collaborative, co-operative approach to resolving complaints across teams; collective responsibility for shortfalls rather than blaming others; and acting within any relevant professional standards for engaging with complaints.',
  ),
]);

const BY_NUMBER = new Map(CODE_PROVISIONS.map((provision) => [provision.provision, provision]));

/** The provision with this number ("6.2"), or undefined when the Code has none. */
export function codeProvision(number: string): CodeProvision | undefined {
  return BY_NUMBER.get(number);
}

export function codeSectionTitle(section: number): string {
  return CODE_SECTIONS.find((s) => s.number === section)?.title ?? '';
}
