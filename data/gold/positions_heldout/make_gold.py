import csv, sys
from pathlib import Path
OUT = Path(sys.argv[1]); (OUT / "articles").mkdir(parents=True, exist_ok=True)
G11, G17 = "A/HRC/41/G/11", "A/HRC/41/G/17"
U19, U20, C20, U21, U22, V22 = ("UNGA74-C3-2019-10-29-GBR", "UNGA75-C3-2020-10-06-DEU", "UNGA75-C3-2020-10-06-CUB",
                               "UNGA76-C3-2021-10-21-FRA", "UNGA77-C3-2022-10-31-CAN", "A/HRC/51/L.6")
A = []
def art(aid, style, text, gold, mentions):
    A.append((aid, style, text.strip() + "\n", gold, mentions))

art("h01", "wire", """
UNITED NATIONS (Synthetic Wire) - A group of 39 mostly Western nations on Tuesday accused China of grave rights abuses in Xinjiang, in a statement to the General Assembly's human rights committee delivered by German ambassador Christoph Heusgen.
"We call on China to respect human rights," the statement said. Backers included Japan, Haiti and Honduras.
Pakistan countered with its own text on Hong Kong, while Cuba spoke for 45 nations in defence of Beijing's policies in Xinjiang.
""", [("JPN","against",U20),("HTI","against",U20),("HND","against",U20),("CUB","support",C20)],
 {"JPN":1,"HTI":1,"HND":1,"PAK":1,"CUB":1,"CHN":2})

art("h02", "feature", """
When the Czech Republic added its voice to the chorus in October 2021, it was one of four newcomers. Turkey, Eswatini and Portugal were the others that year, joining 39 returning signatories of the France-led statement.
Haiti, which had signed in 2020, was absent.
Switzerland, too, stayed on the sidelines.
""", [("CZE","against",U21),("HTI","against",U20),("TUR","against",U21),("SWZ","against",U21),("PRT","against",U21),("FRA","against",U21)],
 {"CZE":1,"TUR":1,"SWZ":1,"PRT":1,"FRA":1,"HTI":1,"CHE":1})

art("h03", "opinion", """
It is a scandal that Muslim-majority Somalia should have voted to hold the debate while Indonesia and Qatar voted it down.
In the Human Rights Council's October 2022 vote, Malaysia sat on the fence and abstained.
Pakistan, as ever, stood with Beijing.
""", [("SOM","against",V22),("IDN","support",V22),("QAT","support",V22),("MYS","abstained",V22),("PAK","support","")],
 {"SOM":1,"IDN":1,"QAT":1,"MYS":1,"PAK":1})

art("h04", "scraped", """
Skip to content
News > World
Who signed? The 2019 letters on Xinjiang
Signatories of the letter of 8 July 2019 (22): Australia; Austria; Belgium; Canada; Denmark; Estonia; Finland; France; Germany; Iceland; Ireland; Japan; Latvia; Lithuania; Luxembourg; Netherlands; New Zealand; Norway; Spain; Sweden; Switzerland; United Kingdom.
Share | Print | Email
""", [(n,"against",G11) for n in "AUS AUT BEL CAN DNK EST FIN FRA DEU ISL IRL JPN LVA LTU LUX NLD NZL NOR ESP SWE CHE GBR".split()],
 {n:1 for n in "AUS AUT BEL CAN DNK EST FIN FRA DEU ISL IRL JPN LVA LTU LUX NLD NZL NOR ESP SWE CHE GBR".split()})

art("h05", "vote_report", """
The motion, tabled by the United States, failed 19-17 at the Human Rights Council on 6 October 2022. Argentina, Brazil, India, Mexico and Ukraine were among the eleven abstentions. China, Pakistan, Cuba and Venezuela led the opposition.
""", [("USA","against",V22),("ARG","abstained",V22),("BRA","abstained",V22),
      ("IND","abstained",V22),("MEX","abstained",V22),("UKR","abstained",V22),("PAK","support",V22),("CUB","support",V22),("VEN","support",V22)],
 {"USA":1,"ARG":1,"BRA":1,"IND":1,"MEX":1,"UKR":1,"CHN":1,"PAK":1,"CUB":1,"VEN":1})

art("h06", "list_heavy", """
In late July 2019, thirteen more governments signed on to the letter praising China, among them Iran, Iraq, Bangladesh, Serbia and Uzbekistan.
Others were Nepal, Mozambique, Zambia, Sri Lanka, Equatorial Guinea, Uganda and Djibouti, as well as the State of Palestine.
""", [(n,"support",G17) for n in "IRN IRQ BGD SRB UZB NPL MOZ ZMB LKA GNQ UGA DJI PSE".split()],
 {**{n:1 for n in "IRN IRQ BGD SRB UZB NPL MOZ ZMB LKA GNQ UGA DJI PSE".split()}, "CHN":1})

art("h07", "prose_heavy", """
Britain has been among the most consistent critics. Britain signed the letter of 22 in Geneva in 2019 and read the 23-nation statement in New York that October.
Russia has been just as consistent on the other side, signing the 2019 counter-letter and the Cuban statement of 2020.
""", [("GBR","against",G11),("GBR","against",U19),("RUS","support",G17),("RUS","support",C20)],
 {"GBR":2,"RUS":1})

art("h08", "trap", """
The Jordan River festival drew crowds from Chad and Niger-born musicians, organisers said. Headliner Georgia Smith signed a record deal in Guinea-Bissau Street, London. Critics voted the show the best of the year; nobody abstained from dancing.
""", [], {"TCD":1,"NER":1})

meta, styles, pos, men = [], [], [], []
for aid, style, text, gold, mentions in A:
    f = f"{aid}_{style}.txt"; (OUT / "articles" / f).write_text(text)
    meta.append({"article_id": aid, "file": f, "outlet": "Synthetic (held-out)", "title": "", "author": "Synthetic (held-out set)",
                 "published": "", "url": "", "notes": f"SYNTHETIC held-out article (style: {style}); facts from data/alignments; not real reporting"})
    styles.append({"article_id": aid, "style": style})
    for iso3, p, e in gold:
        pos.append({"article_id": aid, "iso3": iso3, "position": p, "event": e})
    for k, v in sorted(mentions.items()):
        men.append({"article_id": aid, "iso3": k, "n_name_mentions": v})
def w(name, rows):
    with open(OUT / name, "w", newline="") as fh:
        d = csv.DictWriter(fh, fieldnames=list(rows[0])); d.writeheader(); d.writerows(rows)
w("articles/metadata.csv", meta); w("styles.csv", styles); w("positions.csv", pos); w("mentions.csv", men)
print(len(A), len(pos))
