"""Surveys: building the answer form from a survey's questions, answering online and on paper, the results."""
