"""The assessment: the clause-by-clause wizards, the Annex A review, and the editor and evidence
box they share."""
