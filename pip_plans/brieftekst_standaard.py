"""The standard texts: version 1 of every letter text for every gemeente, the
wording the letters had when they were templates in the code (issue 20: "the
current texts are the first published versions"). Layout and placeholders as
described in pip_plans.brieftekst. A gemeente added later starts from these too
(pip_plans.signals)."""

# ruff: noqa: E501  (a paragraph is one line: the editor shows it as typed)

from .models import BrieftekstSoort

_VRAGEN = """## Vragen?
Neem contact op met {casusregisseur}, telefoon {telefoon}."""

STANDAARD = {
    BrieftekstSoort.PIP_BESCHIKKING: {
        "inleiding": """Beste {naam},

U moet inburgeren. In de brede intake hebben wij met u gesproken over uw taal, opleiding, werk en situatie. Op basis daarvan hebben wij uw persoonlijk plan inburgering en participatie gemaakt: het PIP. In deze brief leest u wat wij besloten hebben en wat dit voor u betekent.""",
        "slot": _VRAGEN,
    },
    BrieftekstSoort.UITNODIGING_INTAKE: {
        "inleiding": """Beste {naam},

U moet inburgeren. Dat staat in de Wet inburgering 2021. De gemeente {gemeente} helpt u daarbij. Eerst hebben wij een gesprek met u: de brede intake (artikel 14 van de wet). In dat gesprek praten wij over uw taal, uw opleiding en werk, uw gezondheid en uw situatie. Samen kijken wij welke inburgering het beste bij u past. Daarna maken wij uw persoonlijk plan inburgering en participatie (PIP).""",
        "slot": """## Wat neemt u mee?
- uw identiteitsbewijs of verblijfsdocument;
- diploma's en andere papieren over uw opleiding en werk, als u die heeft;
- deze brief.

## Een tolk
Spreekt u nog niet goed Nederlands? Dan regelen wij een tolk voor u. Dat kost u niets. Laat het ons wel vóór de afspraak weten.

## Kunt u niet komen?
Bel ons dan zo snel mogelijk. Dan maken wij een nieuwe afspraak. U moet meewerken aan de brede intake: het is de eerste stap van uw inburgering.

## Vragen?
Neem contact op met de gemeente {gemeente}, Team Inburgering, telefoon {telefoon}. U kunt ook langskomen: {bezoekadres}. Meer informatie staat op {website}.""",
    },
    BrieftekstSoort.ONTZORGINGSBESCHIKKING: {
        "inleiding": """Beste {naam},

U moet inburgeren en u heeft recht op bijstand. Daarom helpen wij u in de eerste maanden met uw geldzaken: wij betalen uw vaste lasten voor u. Dat heet financieel ontzorgen. Het hoort bij uw persoonlijk plan inburgering en participatie (PIP). In deze brief leest u wat wij besloten hebben.""",
        "slot": _VRAGEN,
    },
    BrieftekstSoort.WAARSCHUWING: {
        "inleiding": """Beste {naam},

U moet inburgeren. Daarbij heeft u verplichtingen uit de Wet inburgering 2021 en uw persoonlijk plan inburgering en participatie (PIP). Wij hebben gezien dat u een verplichting niet bent nagekomen. Met deze brief waarschuwen wij u.""",
        "slot": _VRAGEN,
    },
    BrieftekstSoort.VOORNEMEN: {
        "inleiding": """Beste {naam},

U moet inburgeren. Wij denken dat u een verplichting uit de Wet inburgering 2021 niet bent nagekomen. Daarom zijn wij van plan u een boete te geven. Dat hebben wij nog niet besloten. Eerst willen wij horen wat u ervan vindt.""",
        "slot": _VRAGEN,
    },
    BrieftekstSoort.RAPPORT: {
        "inleiding": """Beste {naam},

Dit is een afschrift van het rapport dat over u is gemaakt. U krijgt het zodat u weet wat er over u is opgeschreven. Bij deze brief hoort de brief waarin wij u vragen wat u ervan vindt.""",
        "slot": _VRAGEN,
    },
    BrieftekstSoort.BOETEBESCHIKKING: {
        "inleiding": """Beste {naam},

U moet inburgeren. U bent een verplichting uit de Wet inburgering 2021 niet nagekomen. Daarom geeft het college u een boete. In deze brief leest u waarom, hoe hoog de boete is en wat u kunt doen als u het er niet mee eens bent.""",
        "slot": _VRAGEN,
    },
    BrieftekstSoort.BESLISSING_OP_BEZWAAR: {
        "inleiding": """Beste {naam},""",
        "slot": _VRAGEN,
    },
}
