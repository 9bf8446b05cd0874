"""Views of the pages with many tabs: one function per tab, given what the page chose, so a
page reads as title, data guard, widgets, and one view per tab."""
