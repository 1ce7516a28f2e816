/** Request examples for issue 15's casework writes (panel participation, related issues, representative authority). */
export const caseworkExamples = {
  requestPanelParticipation: { requestedAt: '2026-04-02T10:00:00Z', requestedBy: 'resident' },
  recordPanelMeeting: {
    recordedAt: '2026-04-14T16:00:00Z',
    heldOn: '2026-04-14',
    panelMembers: ['Ann Hughes (resident panel)'],
    outcomeNotes: 'The panel member asked for the damp survey report before the decision',
  },
  declinePanelParticipation: {
    declinedAt: '2026-04-03T10:00:00Z',
    reason: 'The resident asked for the review to go ahead without a panel member',
  },
  addHeadsOfComplaint: { addedAt: '2026-03-10T10:00:00Z', heads: ['The surveyor did not attend on 9 March'] },
  recordRepresentativeAuthority: {
    confirmedAt: '2026-03-03T09:00:00Z',
    basis: 'written_consent',
    expiresOn: '2027-03-02',
  },
  withdrawRepresentativeAuthority: {
    withdrawnAt: '2026-05-01T09:00:00Z',
    reason: 'The resident asked us to deal with them directly',
  },
  logRelatedComplaint: {
    receivedAt: '2026-03-10T10:00:00Z',
    channel: 'phone',
    complainant: { name: 'Margaret Ellis', phone: '0161 496 0732' },
    serviceArea: 'Neighbourhoods',
    description: 'Noise from the flat above every night since January, raised during the call about the damp.',
  },
} as const;
