"""Labelled sentence pairs for tuning and testing the paraphrase scorer.

POSITIVES are restatements (written for this purpose, in the style of rewritten wire copy):
they must share a row. HARD_NEGATIVES are different statements on the same topic, taken from
the seed articles 002, 003 and 004 (and 000/001): the same subject, names and vocabulary, but
not the same fact; they must never share a row. (Near-identical wordings with one changed
fact, "voted to approve" / "voted to delay", are left to the wording aligner: they do share a
row, where the word diff and conflict detection show the change.)
"""

from __future__ import annotations

POSITIVES: list[tuple[str, str]] = [
    (
        "Work is expected to start in May and take about 18 months.",
        "Building work should begin in May and is expected to last a year and a half.",
    ),
    (
        "The wall would protect about 1,400 homes in the Lower Quay and Mill Street districts.",
        "Roughly 1,400 households in Lower Quay and Mill Street would be shielded by the wall.",
    ),
    (
        "The council voted nine to three on Tuesday to approve the flood wall.",
        "Councillors approved the flood barrier by 9 votes to 3 on Tuesday.",
    ),
    (
        "The project will cost £12 million, most of it paid by a government grant.",
        "A government grant will cover most of the £12m cost of the scheme.",
    ),
    (
        "Opponents said the wall would block views of the river and harm local shops.",
        "Critics argued the barrier would spoil the river views and hurt businesses nearby.",
    ),
    (
        "The river burst its banks twice last winter, flooding more than 300 properties.",
        "Last winter the river overflowed on two occasions and more than 300 properties flooded.",
    ),
    (
        "Council leader Ann Hughes said the decision was long overdue.",
        "The decision was long overdue, according to council leader Ann Hughes.",
    ),
    (
        "Residents will be able to comment on the final design at public meetings in March.",
        "Public meetings in March will give residents a chance to comment on the final design.",
    ),
    (
        "The Environment Agency has warned that flooding in the town is likely to get worse.",
        "Flooding in the town is likely to worsen, the Environment Agency has warned.",
    ),
    (
        "Police arrested two men after the protest outside the town hall on Monday.",
        "Two men were arrested by police following Monday's protest outside the town hall.",
    ),
    (
        "The minister resigned on Friday after weeks of pressure over the contract.",
        "After weeks of pressure over the contract, the minister quit on Friday.",
    ),
    (
        "Shares in the company fell by 8% after it cut its profit forecast.",
        "The company's shares dropped 8% when it lowered its profit forecast.",
    ),
    (
        "The hospital said the patient was in a stable condition.",
        "The patient's condition was stable, according to the hospital.",
    ),
    (
        "Heavy snow closed schools across the region and cancelled dozens of flights.",
        "Dozens of flights were cancelled and schools across the region shut because of "
        "heavy snow.",
    ),
    (
        "The company plans to hire 500 workers at its new factory in Leeds.",
        "Its new factory in Leeds will create 500 jobs, the company said.",
    ),
    (
        "Rutte said several European countries were ready to send troops after a peace deal.",
        "Several European states are prepared to deploy troops once a peace deal is signed, "
        "Rutte said.",
    ),
    (
        "The talks ended without agreement late on Thursday.",
        "Late on Thursday the talks broke up with no agreement.",
    ),
    (
        "The museum will reopen to visitors next month after a two-year renovation.",
        "After two years of renovation, the museum reopens to the public next month.",
    ),
    (
        "Prices rose by 3.2% in the year to October, the statistics office said.",
        "Inflation was 3.2% in the twelve months to October, according to the statistics office.",
    ),
    (
        "The fire started in a kitchen on the third floor shortly after midnight.",
        "Shortly after midnight a fire broke out in a third-floor kitchen.",
    ),
]

HARD_NEGATIVES: list[tuple[str, str]] = [
    (  # 002:18 / 004:22 - both about Zelensky's camp, different statements
        "Adding to the complexity of the situation, former Ukrainian President Volodymyr "
        "Zelenskyy’s chief of staff, Andriy Yermak, has reiterated his vision for Ukraine’s "
        "future security.",
        "Meanwhile, Ukrainian President Volodymyr Zelensky has repeatedly underscored that "
        "Kyiv’s strategy is to prevent the conflict from spilling over into Russian territory.",
    ),
    (  # 003:7 / 004:22
        "Meanwhile, statements from Kyiv stressed that Ukraine is not seeking to compel allied "
        "forces to enter its territory under the banner of a continued Russian threat.",
        "Meanwhile, Ukrainian President Volodymyr Zelensky has repeatedly underscored that "
        "Kyiv’s strategy is to prevent the conflict from spilling over into Russian territory.",
    ),
    (  # 003:6 / 004:0
        "The idea reflects a broader debate about how NATO members might coordinate a credible "
        "deterrent and, if necessary, rapid deployment capability to reinforce Ukraine.",
        "Radoslaw Sikorski, who leads Poland’s Ministry of Foreign Affairs, addressed the "
        "question of whether NATO troops might be deployed to Ukraine.",
    ),
    (  # 002:6 / 004:19
        "These personnel will focus on improving combat tactics, logistics, and coordination "
        "with NATO allies.",
        "He stressed that while the allies are united in providing critical supplies, the "
        "question of sending combat troops remains unsettled among NATO members.",
    ),
    (  # 001:0 / 002:0 - Rutte's report vs the covert 10,000-troop plan
        "In a recent interview with the German newspaper *Bild*, NATO Secretary General Mark "
        "Rutte confirmed that several European countries are prepared to deploy troops to "
        "Ukraine.",
        "In a dramatic escalation of Western support for Ukraine, European defense chiefs have "
        "unveiled a covert plan to deploy over 10,000 multinational troops.",
    ),
    (  # 001:0 / 003:0 - two Secretaries General, two statements
        "In a recent interview with the German newspaper *Bild*, NATO Secretary General Mark "
        "Rutte confirmed that several European countries are prepared to deploy troops to "
        "Ukraine.",
        "In recent remarks attributed to former NATO Secretary General Anders Fogh Rasmussen, "
        "there is a suggestion that NATO forces could become directly involved in Ukraine.",
    ),
    (  # 003:2 / 004:0
        "Rasmussen indicated that if member countries, led by the United States, fail to offer "
        "concrete security guarantees to Kyiv at the Vilnius summit, there is a possibility "
        "that some NATO members might send troops.",
        "Radoslaw Sikorski, who leads Poland’s Ministry of Foreign Affairs, addressed the "
        "question of whether NATO troops might be deployed to Ukraine.",
    ),
    (  # 003:6 / 004:7
        "The idea reflects a broader debate about how NATO members might coordinate a credible "
        "deterrent and, if necessary, rapid deployment capability to reinforce Ukraine.",
        "In this vein, he indicated that the door remains open to discussions about a possible, "
        "carefully calibrated deployment of NATO troops to Ukrainian territory.",
    ),
    (  # 002:19 / 003:8
        "In a recent interview, Yermak emphasized that Ukraine cannot afford to rely solely on "
        "military aid and must secure ‘binding commitments’ from NATO and its allies.",
        "Ukrainian Foreign Minister Dmytro Kuleba said in discussions with NATO leadership that "
        "the country is focused on securing political and security commitments.",
    ),
    (  # 001:10 / 004:23
        "U.S. officials have repeatedly stressed the importance of maintaining Ukraine’s "
        "sovereignty and territorial integrity, while European partners are increasingly "
        "willing to take on a greater role.",
        "His emphasis on protecting Ukraine’s sovereign borders and maintaining the primacy of "
        "Ukrainian military decision-making has shaped the discourse around the talks.",
    ),
    (  # 002:12 / 004:14
        "However, the plan has faced resistance from several European nations, many of which "
        "remain hesitant to commit troops to Ukraine due to fears of provoking a broader "
        "conflict with Russia.",
        "Following those discussions, negotiators reportedly had not yet reached a broad, "
        "binding consensus regarding the deployment of European land forces to Ukraine.",
    ),
    (  # 003:10 / 000:0
        "On the eve of Vilnius, NATO’s Secretary General Jens Stoltenberg reiterated the "
        "alliance’s intent to facilitate aid to Ukraine through robust political support.",
        "In a revelation that has sent shockwaves through diplomatic circles, NATO Secretary "
        "General Mark Rutte has confirmed that several European member states are ready to "
        "deploy troops to Ukraine.",
    ),
]
