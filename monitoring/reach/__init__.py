"""Who took part (voluntary): the questionnaire about the person, its paper sheets, the city's population figures,
and the aggregates „Wen haben wir erreicht, wen nicht“ on the statistics page and in the report."""
