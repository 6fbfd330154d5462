"""Writes the structures mini-set (synthetic articles, gold positions and mention counts) into the folder
given as the first argument: ``python data/gold/positions_structures/make_gold.py data/gold/positions_structures``.

Every article is SYNTHETIC, written for this set; facts only from data/alignments/. The gold below was
written by hand from each text before any rule of the reader was changed for it."""
import csv
import sys
from pathlib import Path

OUT = Path(sys.argv[1])
G11, G17 = "A/HRC/41/G/11", "A/HRC/41/G/17"
U19, U20, C20, U21, U22, V22 = ("UNGA74-C3-2019-10-29-GBR", "UNGA75-C3-2020-10-06-DEU", "UNGA75-C3-2020-10-06-CUB",
                               "UNGA76-C3-2021-10-21-FRA", "UNGA77-C3-2022-10-31-CAN", "A/HRC/51/L.6")
A = []


def art(aid, style, structure, text, gold, mentions):
    """gold: (iso3 codes separated by spaces, position, event, action); mentions: {iso3: name mentions}."""
    A.append((aid, style, structure, text.strip() + "\n", gold, mentions))


art("s01", "wire", "pronoun subject (it) for the previous sentence's one country", """
GENEVA (Synthetic Wire) - Japan put its name to the July 2019 letter to the Human Rights Council criticising China's policies in Xinjiang. It also signed the Third Committee statement read by Germany in October 2020.
Somalia took the other side. It signed the counter-letter backing China that July, but in October 2022 it voted yes on holding a council debate on Xinjiang.
""", [("JPN", "against", G11, "signed"), ("JPN", "against", U20, "signed"), ("DEU", "against", U20, "read on behalf of"),
      ("SOM", "support", G17, "signed"), ("SOM", "against", V22, "voted yes")],
    {"JPN": 1, "CHN": 2, "DEU": 1, "SOM": 1})

art("s02", "feature", "pronoun subject (they) for a list; verbs coordinated over a comma", """
Two Baltic neighbours, Latvia and Lithuania, have rarely split on Xinjiang. They signed the letter of 22 in July 2019, and two years later they joined the France-led statement of 43 countries.
Lithuania went further. In October 2022 it voted yes at the Human Rights Council, where Latvia had no seat.
""", [("LVA LTU", "against", G11, "signed"), ("LVA LTU", "against", U21, "joined"), ("FRA", "against", U21, "led"),
      ("LTU", "against", V22, "voted yes")],
    {"LVA": 2, "LTU": 2, "FRA": 1})

art("s03", "prose_heavy", "one verb, coordinated objects (two events); coordinated years under one noun", """
Canada has never wavered. It signed the 2019 letter of 22 and the 2020 statement of 39, and in 2022 it led the statement of 50 at the Third Committee.
Pakistan and Egypt signed both the 2019 counter-letter and the 2020 statement read by Cuba.
Britain read the 2019 statement of 23 and joined the 2021 and 2022 statements criticising China.
""", [("CAN", "against", G11, "signed"), ("CAN", "against", U20, "signed"), ("CAN", "against", U22, "led"),
      ("PAK EGY", "support", G17, "signed"), ("PAK EGY", "support", C20, "signed"), ("CUB", "support", C20, "read on behalf of"),
      ("GBR", "against", U19, "read on behalf of"), ("GBR", "against", U21, "joined"), ("GBR", "against", U22, "joined")],
    {"CAN": 1, "PAK": 1, "EGY": 1, "CUB": 1, "GBR": 1, "CHN": 1})

art("s04", "list_heavy", "ordinals (the first, the second, the latter) for events introduced before", """
In July 2019 two letters on Xinjiang reached the Human Rights Council, days apart: one criticising China, the other praising it.
Iceland, Ireland and Estonia signed the first; Togo, Gabon and Eritrea signed the second.
The first letter had 22 signatories and the second 37. Of the two, Kuwait and Oman signed the latter.
""", [("ISL IRL EST", "against", G11, "signed"), ("TGO GAB ERI KWT OMN", "support", G17, "signed")],
    {"ISL": 1, "IRL": 1, "EST": 1, "TGO": 1, "GAB": 1, "ERI": 1, "KWT": 1, "OMN": 1, "CHN": 1})

art("s05", "vote_report", "vote headers (In favour: / Against:) and a list running on over a sentence break", """
GENEVA (Synthetic Wire) - The Human Rights Council voted on 6 October 2022 on whether to hold a debate on Xinjiang, and the motion failed.
In favour: Finland, France, Germany, Honduras. Japan, Luxembourg and Poland.
Against: Cuba, Eritrea, Gabon and Namibia.
Abstaining were Armenia, Benin and Libya.
""", [("FIN FRA DEU HND JPN LUX POL", "against", V22, "voted yes"), ("CUB ERI GAB NAM", "support", V22, "voted no"),
      ("ARM BEN LBY", "abstained", V22, "abstained")],
    {c: 1 for c in "FIN FRA DEU HND JPN LUX POL CUB ERI GAB NAM ARM BEN LBY".split()})

art("s06", "opinion", "a habitual stance (no event); a pronoun in a vote sentence; an appositive signatory", """
Pakistan has long backed Beijing over Xinjiang. When the Human Rights Council voted in October 2022, it voted no, as did Indonesia, while Brazil abstained.
Somalia, a signatory of the 2019 counter-letter, voted yes.
""", [("PAK", "support", "", "backed"), ("PAK IDN", "support", V22, "voted no"), ("BRA", "abstained", V22, "abstained"),
      ("SOM", "support", G17, "signed"), ("SOM", "against", V22, "voted yes")],
    {"PAK": 1, "IDN": 1, "BRA": 1, "SOM": 1})

art("s07", "scraped", "lists as bullet lines under a heading that names the event", """
Home | World | Asia
Xinjiang at the UN: who stood where
Statement read by Canada at the Third Committee, 31 October 2022 (50 countries). Some of the signatories:
* Andorra
* Belize
* Guatemala
* Israel
Statement read by Cuba at the Third Committee, 6 October 2020, backing China (45 countries). Some of the signatories:
* Dominica
* Grenada
* Kiribati
Cookies | Privacy | Contact
""", [("CAN AND BLZ GTM ISR", "against", U22, "signed"), ("CUB DMA GRD KIR", "support", C20, "signed")],
    {c: 1 for c in "CAN AND BLZ GTM ISR CUB DMA GRD KIR CHN".split()})

art("s08", "feature", "pronoun subjects (both, they, it)", """
Eswatini and Liberia are unusual African voices on Xinjiang. Both joined the France-led statement of October 2021, and they signed again when Canada read the 2022 statement at the Third Committee.
Kazakhstan, by contrast, sat on the Human Rights Council in 2022. It voted no on holding the debate.
""", [("SWZ LBR", "against", U21, "joined"), ("FRA", "against", U21, "led"), ("SWZ LBR", "against", U22, "signed"),
      ("CAN", "against", U22, "read on behalf of"), ("KAZ", "support", V22, "voted no")],
    {"SWZ": 1, "LBR": 1, "FRA": 1, "CAN": 1, "KAZ": 1})

art("s09", "wire", "'it' that is the letter, not a country; an object pronoun (signed it); a later pronoun subject", """
DOHA (Synthetic Wire) - The counter-letter of July 12, 2019 praised China's record in Xinjiang. It was signed by 37 countries, including Cambodia, Myanmar and the Philippines.
Qatar signed it too. It withdrew its signature six days later.
Turkmenistan also signed; it has never joined a statement critical of China.
""", [("KHM MMR PHL QAT TKM", "support", G17, "signed"), ("QAT", "withdrew", G17, "withdrew")],
    {"CHN": 2, "KHM": 1, "MMR": 1, "PHL": 1, "QAT": 1, "TKM": 1})

art("s10", "prose_heavy", "an event named only in the next sentence; two verbs, two events, one subject", """
Monaco and San Marino joined in October 2021. The statement they joined, read by France, had 43 signatories.
Ukraine abstained when the council voted in October 2022, and three weeks later it signed the Canada-led statement.
""", [("MCO SMR", "against", U21, "joined"), ("FRA", "against", U21, "read on behalf of"),
      ("UKR", "abstained", V22, "abstained"), ("UKR", "against", U22, "signed"), ("CAN", "against", U22, "led")],
    {"MCO": 1, "SMR": 1, "FRA": 1, "UKR": 1, "CAN": 1})

art("s11", "list_heavy", "a list announced in one sentence and given over the next three", """
Fourteen more governments added their names to the counter-letter after July 12, 2019. Among them were Bangladesh, Iran and Iraq.
Nepal, Mozambique and Serbia were others.
So were Uzbekistan and Zambia.
""", [("BGD IRN IRQ NPL MOZ SRB UZB ZMB", "support", G17, "joined")],
    {c: 1 for c in "BGD IRN IRQ NPL MOZ SRB UZB ZMB".split()})

art("s12", "trap", "no stance: ordinals and pronouns that are not about any statement", """
The second round of talks between Norway and Chile on fisheries ended on Tuesday in Geneva. It was the first meeting of the two since 2019.
Norway said it had signed nothing yet; Chile said it would not join any statement. They voted to meet again in October, and the first session will be held in Oslo.
""", [], {"NOR": 2, "CHL": 2})

# ---------------------------------------------------------------- write
(OUT / "articles").mkdir(parents=True, exist_ok=True)
meta, styles, pos, men = [], [], [], []
for aid, style, structure, text, gold, mentions in A:
    fname = f"{aid}_{style}.txt"
    (OUT / "articles" / fname).write_text(text, encoding="utf-8")
    meta.append({"article_id": aid, "file": fname, "outlet": "Synthetic (structures)", "title": "",
                 "author": "Synthetic (structures set)", "published": "", "url": "",
                 "notes": f"SYNTHETIC structures article (style: {style}; {structure}); facts from data/alignments; "
                          "not real reporting"})
    styles.append({"article_id": aid, "style": style, "structure": structure})
    for codes, position, event, action in gold:
        for iso3 in codes.split():
            pos.append({"article_id": aid, "iso3": iso3, "position": position, "event": event, "action": action})
    for iso3, n in sorted(mentions.items()):
        men.append({"article_id": aid, "iso3": iso3, "n_name_mentions": n})


def write(name, rows):
    with open(OUT / name, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


write("articles/metadata.csv", meta)
write("styles.csv", styles)
write("positions.csv", pos)
write("mentions.csv", men)
print(f"{len(A)} articles, {len(pos)} gold positions, {sum(r['n_name_mentions'] for r in men)} name mentions")
