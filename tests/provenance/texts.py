# ruff: noqa: E501 — news paragraphs are kept one per line, as the documents have them
"""News texts written for the provenance tests: one wire story, its copies and rewrites, an
independent report of the same event, and an unrelated article. Invented events, no real people."""

ORIGIN = """Dockworkers at Port Halvern walk out over automation plan
PORT HALVERN, March 3 (Reuters) - More than 2,400 dockworkers at Port Halvern walked off the job on Tuesday, halting container traffic at the region's busiest harbour after talks over a plan to automate three cranes collapsed overnight.
The Halvern Dock Workers Union said the port authority had refused to guarantee jobs for the 310 crane operators whose work the machines would take over. "We were told the robots are coming and we should be grateful for a pension," union secretary Marta Oyelaran told reporters at the gate.
The port authority's chief executive, Tomas Brecht, said the automation programme would cost 180 million euros and was needed to compete with larger ports to the north. He said the authority had offered retraining to every operator affected.
Shipping lines diverted at least 14 vessels to neighbouring harbours on Tuesday, according to harbour master data, and freight forwarders warned that perishable cargo was at risk.
Regional transport minister Ilse Vandermeer called both sides to a meeting on Thursday. "Nobody wins if the port stays shut for a week," she said in a statement.
The strike is the first at Port Halvern since 2009, when a two-week stoppage over pensions cost the regional economy an estimated 95 million euros.
"""

# The origin with a new headline and a publisher's furniture around it: a near copy.
REPUBLISHED = """Port Halvern strike: thousands walk out
Sign up for our morning briefing newsletter
PORT HALVERN, March 3 (Reuters) - More than 2,400 dockworkers at Port Halvern walked off the job on Tuesday, halting container traffic at the region's busiest harbour after talks over a plan to automate three cranes collapsed overnight.
The Halvern Dock Workers Union said the port authority had refused to guarantee jobs for the 310 crane operators whose work the machines would take over. "We were told the robots are coming and we should be grateful for a pension," union secretary Marta Oyelaran told reporters at the gate.
The port authority's chief executive, Tomas Brecht, said the automation programme would cost 180 million euros and was needed to compete with larger ports to the north. He said the authority had offered retraining to every operator affected.
Shipping lines diverted at least 14 vessels to neighbouring harbours on Tuesday, according to harbour master data, and freight forwarders warned that perishable cargo was at risk.
Regional transport minister Ilse Vandermeer called both sides to a meeting on Thursday. "Nobody wins if the port stays shut for a week," she said in a statement.
The strike is the first at Port Halvern since 2009, when a two-week stoppage over pensions cost the regional economy an estimated 95 million euros.
Copyright 2026. All rights reserved.
"""

# The same reporting retold in other words, citing its origin (as a translated rewrite does).
PARAPHRASE = """Robots versus dockers: Halvern's harbour falls silent
Container traffic at Port Halvern came to a standstill this week as more than 2,400 port workers stopped work, according to Reuters, after negotiations over automating three cranes broke down during the night.
According to Reuters, the Halvern Dock Workers Union accused the port authority of refusing any job guarantee for the 310 crane operators the machines would replace. Union secretary Marta Oyelaran said they had been told "the robots are coming and we should be grateful for a pension."
Tomas Brecht, who heads the port authority, defended the 180 million euro automation programme as necessary to keep up with bigger northern ports, and said retraining had been offered to every affected operator.
At least 14 ships were sent on to neighbouring harbours, and forwarders cautioned that perishable goods could spoil, Reuters reported.
Transport minister Ilse Vandermeer has summoned the two sides for talks on Thursday, saying that "nobody wins if the port stays shut for a week."
It is the first strike at Port Halvern since 2009, when a two-week stoppage cost an estimated 95 million euros.
"""

# Another outlet's own reporting of the same walkout: same names and numbers, no shared origin.
INDEPENDENT = """Halvern port shut as crane operators strike
PORT HALVERN (AP) — Port Halvern stood idle on Tuesday as roughly 2,400 dock staff joined a strike called by their union in a dispute about new automated cranes.
Standing by the container terminal, crane driver Piet Maalouf, 52, said he had operated the same crane for 21 years. "I can learn a new machine, but nobody has offered me one," he said.
Port authority chief executive Tomas Brecht told The Associated Press in an interview that the 180 million euro investment would go ahead. "Standing still is the most expensive choice," he said, adding that a retraining offer remained open.
Marta Oyelaran, secretary of the Halvern Dock Workers Union, said members would picket the gates in shifts through the week.
Officials at the harbour master's office said several vessels had anchored offshore waiting for berths. Minister Ilse Vandermeer is due to meet both sides on Thursday.
"""

UNRELATED = """City library extends weekend opening hours
The central library in Marrowby will open on Sundays from next month, the city council announced on Monday, after a survey found that more than 3,000 residents wanted weekend access to study rooms.
Council member Dana Whitfield said the extra hours would be staffed by six new part-time librarians funded from the culture budget. "Students told us the library closes exactly when they need it," she said.
The library will also lend laptops and offer free printing for job seekers on Saturday mornings, a pilot that will be reviewed after six months.
"""
