/** One row of a GOV.UK summary list on the case page: its label and its value, both plain text (escaped by the macro). */
export type SummaryRow = { key: { text: string }; value: { text: string } };

export const summaryRow = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
