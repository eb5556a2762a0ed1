"""Word pools for the benchmark workspace: names, places and topics of three regions.

The regions are those of fieldkit's users: the Andes (Spanish with Quechua and Aymara names),
Québec and France. Accents, apostrophes and hyphens are kept as people write them, since search
folds them away and the benchmark must pay for that like real data does.
"""

from __future__ import annotations

from dataclasses import dataclass


def _names(text: str) -> tuple[str, ...]:
    """A tuple from a comma-separated list (names may contain spaces, hyphens, apostrophes)."""
    return tuple(name.strip() for name in text.split(","))


@dataclass(frozen=True)
class Region:
    name: str
    country_weights: tuple[tuple[str, int], ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]
    places: tuple[str, ...]
    phone_pattern: str  # "#" stands for a digit
    hyphenated_surnames: float  # share of people whose two surnames are joined by a hyphen
    language: str  # "es" or "fr": the language of the event and organisation names


ANDES = Region(
    name="andes",
    country_weights=(("Bolivia", 5), ("Perú", 3), ("Ecuador", 2)),
    women=_names(
        "María, Ana, Rosa, Juana, Lucía, Sofía, Inés, Beatriz, Carmen, Ruth, Elena, Mónica, "
        "Verónica, Gabriela, Patricia, Ximena, Julia, Teresa, Andrea, Paola, Valeria, Noemí, "
        "Sonia, Nélida, Eulogia, Justina, Sabina, Florentina, Irma, Yolanda, Ch'uxña, Wayra, "
        "Killa, Sumaq, Nina, Amaru, Inti, Qhispi, Phaxsi, Illari, Yaretzi, Tania, Marisol, "
        "Ángela, Begoña, Maribel, Reina, Felícitas, Leonor, Asunción"
    ),
    men=_names(
        "José, Juan, Luis, Carlos, Jorge, Andrés, Raúl, Nicolás, Martín, Ramón, Julián, "
        "Tomás, Germán, Rubén, Efraín, Simón, Félix, Víctor, Óscar, Iván, Hernán, Édgar, "
        "Fermín, Gregorio, Eusebio, Crispín, Valentín, Celestino, Mario, Pedro, Marcelino, "
        "Wilfredo, Freddy, Saúl, Yupanqui, Túpac, Mayta, Amaru, Illapa, Waman, Kusi, Apu, "
        "Ariel, Fabián, Joaquín, Sebastián, Álvaro, Benjamín, Cristóbal, Ezequiel"
    ),
    surnames=_names(
        "Quispe, Mamani, Condori, Huanca, Choque, Apaza, Ticona, Limachi, Yupanqui, Ch'oque, "
        "Quisbert, Cusi, Huallpa, Colque, Aruquipa, Callisaya, Layme, Poma, Ccori, Huamán, "
        "Chambi, Mayta, Tito, Pari, Villca, Núñez, Pérez, Gutiérrez, Fernández, Martínez, "
        "López, Ramírez, Vásquez, Chávez, Peña, Muñoz, Jiménez, Rodríguez, Ibáñez, Sánchez, "
        "Gómez, Álvarez, Domínguez, Márquez, Suárez, Vélez, Cárdenas, Andrade, Zúñiga, "
        "Valdés, Ortúzar, Bolaños, Quiñónez, Espinoza, Rojas, Flores, Cruz, Mendoza, Torrez, "
        "Vargas"
    ),
    places=_names(
        "Oruro, Taraco, Achacachi, Sucre, Potosí, Cochabamba, Tiquipaya, Sacaba, Cotagaita, "
        "Tupiza, Uyuni, Challapata, Caranavi, Coroico, Sorata, Copacabana, Pucarani, Viacha, "
        "El Alto, Llallagua, Punata, Cliza, Tarata, Aiquile, Puno, Juliaca, Ilave, Cusco, "
        "Urubamba, Ayacucho, Huancavelica, Abancay, Andahuaylas, Chucuito, Azángaro, "
        "Huancané, Juli, Pomata, Riobamba, Otavalo, Cotacachi, Guamote, Saraguro, Latacunga, "
        "Cañar, Colta, Zumbahua, Tiwanaku, Jesús de Machaca, Curahuara de Carangas"
    ),
    phone_pattern="+591 7#######",
    hyphenated_surnames=0.0,
    language="es",
)

QUEBEC = Region(
    name="quebec",
    country_weights=(("Canada", 1),),
    women=_names(
        "Marie, Geneviève, Hélène, Mélanie, Émilie, Véronique, Josée, Chantal, Nathalie, "
        "Isabelle, Sophie, Catherine, Annie, Julie, Mélissa, Andrée, Francine, Lise, "
        "Réjeanne, Thérèse, Gisèle, Ginette, Stéphanie, Valérie, Noémie, Léa, Chloé, Zoé, "
        "Maëlle, Élodie, Marie-Ève, Marie-Claude, Anne-Marie, Marie-Josée, Solène, Édith"
    ),
    men=_names(
        "Jean, Étienne, Jérôme, Maxime, Stéphane, François, Jean-François, Pierre-Luc, "
        "Marc-André, Sébastien, Frédéric, Benoît, Gaétan, Réjean, Gilles, Denis, Michel, Luc, "
        "Mathieu, Guillaume, Olivier, Alexandre, Simon, Philippe, Félix, Éric, Rémi, Yannick, "
        "Ghislain, Normand, Jean-Sébastien, Louis-Philippe, Hugues, Raphaël, Noël, Jocelyn"
    ),
    surnames=_names(
        "Tremblay, Gagnon, Bélanger, Côté, Lévesque, Bouchard, Pelletier, Bédard, Gauthier, "
        "Roy, Gagné, Morin, Lavoie, Fortin, Gingras, Ouellet, Thériault, Lépine, Desrosiers, "
        "Bérubé, Fréchette, Lévêque, Paré, Brière, Séguin, Ménard, Bélisle, Létourneau, "
        "Poirier, Caron, Dubé, Hébert, Nadeau, Béliveau, Boucher, Légaré, Drolet, Cloutier, "
        "Thibodeau, St-Pierre"
    ),
    places=_names(
        "Rimouski, Chicoutimi, Trois-Rivières, Sherbrooke, Gaspé, Matane, Baie-Saint-Paul, "
        "Lévis, Rivière-du-Loup, Saint-Jérôme, Joliette, Val-d'Or, Rouyn-Noranda, Sept-Îles, "
        "Mont-Laurier, Victoriaville, Drummondville, Québec, Montréal, Gatineau, Alma, "
        "Roberval, Amqui, Percé, Kamouraska"
    ),
    phone_pattern="+1 418 ### ####",
    hyphenated_surnames=0.5,
    language="fr",
)

FRANCE = Region(
    name="france",
    country_weights=(("France", 1),),
    women=_names(
        "Camille, Manon, Léa, Chloé, Inès, Céline, Sylvie, Brigitte, Nadège, Agnès, Clémence, "
        "Margaux, Aurélie, Séverine, Françoise, Jacqueline, Hélène, Béatrice, Mathilde, "
        "Pénélope, Anaïs, Laëtitia, Maïwenn, Gaëlle, Anne-Sophie, Marie-Hélène, Noëlle, "
        "Bénédicte, Ségolène, Héloïse"
    ),
    men=_names(
        "Thomas, Nicolas, Julien, Jérémie, Benoît, Hervé, Théo, Mathéo, Loïc, Gaël, Yoann, "
        "Cédric, Grégoire, Amédée, Aurélien, Léon, Anatole, Clément, Étienne, Benjamin, "
        "Jean-Baptiste, Pierre-Yves, François-Xavier, Gérard, René, André, Joël, Raphaël, "
        "Régis, Jérôme"
    ),
    surnames=_names(
        "Lefèvre, Dupré, Mercier, Rousseau, Faure, Girard, Chevalier, Benoît, Noël, Lemaître, "
        "Hénaff, Le Goff, Kerhervé, Castéran, Bézier, Crémieux, Darrieussecq, Etcheverry, "
        "Pécresse, Léger, Fèvre, Ménétrier, Hervé, Boë, Chrétien, Délégué, Frémont, Géraud, "
        "Hélias, Jégou, Lacoste, Moreau, Bernard, Dubois, Laurent"
    ),
    places=_names(
        "Lyon, Grenoble, Montpellier, Rennes, Quimper, Nantes, Besançon, Clermont-Ferrand, "
        "Périgueux, Aurillac, Millau, Évreux, Béziers, Nîmes, Albi, Foix, Morlaix, Guéret, "
        "Privas, Mende, Saint-Flour, Lodève"
    ),
    phone_pattern="+33 6 ## ## ## ##",
    hyphenated_surnames=0.3,
    language="fr",
)

# Regions and their share of the people and events of the workspace.
REGIONS: tuple[tuple[Region, float], ...] = ((ANDES, 0.55), (QUEBEC, 0.25), (FRANCE, 0.20))

ORGANISATION_TEMPLATES: dict[str, tuple[str, ...]] = {
    "es": (
        "Asociación de Productores de {place}",
        "Red de Mujeres de {place}",
        "Municipalidad de {place}",
        "Central Campesina de {place}",
        "Cooperativa Agropecuaria {place}",
        "Asociación de Regantes de {place}",
        "Gobierno Autónomo Municipal de {place}",
        "Comité de Agua Potable de {place}",
        "Federación Departamental de Mujeres de {place}",
        "Unidad Educativa {place}",
        "Radio Comunitaria {place}",
        "Ayllu {place}",
    ),
    "fr": (
        "Coopérative de solidarité de {place}",
        "Centre de femmes de {place}",
        "Municipalité de {place}",
        "Table de concertation de {place}",
        "Association des producteurs de {place}",
        "Chambre d'agriculture de {place}",
        "Maison des jeunes de {place}",
        "Réseau d'économie sociale de {place}",
        "Comité de bassin versant de {place}",
        "Radio communautaire de {place}",
    ),
}

PROGRAMMES: tuple[str, ...] = (
    "Interacciones",
    "Agua y territorio",
    "Semillas andinas",
    "Mujeres y liderazgo",
    "Economía solidaria",
    "Femmes et territoires",
    "Souveraineté alimentaire",
    "Jeunesse rurale",
    "Forêts et communautés",
    "Gouvernance de l'eau",
    "Échanges Sud–Nord",
    "Cambio climático y resiliencia",
)

EVENT_TITLES: dict[str, tuple[str, ...]] = {
    "es": (
        "Taller de {topic} en {place}",
        "Encuentro regional de {topic}",
        "Intercambio de experiencias sobre {topic}",
        "Curso de formación en {topic}",
        "Seminario: {topic} en {place}",
        "Asamblea de {topic}",
    ),
    "fr": (
        "Atelier {topic} à {place}",
        "Rencontre régionale : {topic}",
        "Échange d'expériences sur {topic}",
        "Formation en {topic}",
        "Séminaire {topic} – {place}",
        "Forum citoyen sur {topic}",
    ),
}

TOPICS: dict[str, tuple[str, ...]] = {
    "es": (
        "gestión del agua",
        "liderazgo de mujeres",
        "semillas nativas",
        "economía solidaria",
        "cambio climático",
        "derechos indígenas",
        "comercialización de quinua",
        "sanidad animal",
        "educación intercultural",
        "control social",
        "crianza de camélidos",
        "planificación territorial",
    ),
    "fr": (
        "gestion de l'eau",
        "agriculture biologique",
        "économie sociale",
        "leadership féminin",
        "forêts communautaires",
        "circuits courts",
        "transition énergétique",
        "éducation populaire",
        "santé des sols",
        "mobilité rurale",
    ),
}

SESSION_TITLES: dict[str, tuple[str, ...]] = {
    "es": (
        "Inauguración",
        "Presentación de experiencias",
        "Trabajo en grupos",
        "Plenaria de conclusiones",
        "Visita a la comunidad",
        "Proyección de video",
        "Diálogo con autoridades",
        "Feria de saberes",
        "Evaluación y cierre",
    ),
    "fr": (
        "Ouverture",
        "Présentation des expériences",
        "Travail en ateliers",
        "Plénière de synthèse",
        "Visite de terrain",
        "Projection-débat",
        "Dialogue avec les élus",
        "Exposition",
        "Évaluation et clôture",
    ),
}

ARRIVAL_TITLE = {"es": "Llegada", "fr": "Accueil"}
DAY_TITLE = {"es": "Día {n}", "fr": "Jour {n}"}
ROOMS: tuple[str, ...] = (
    "Salón principal",
    "Aula 2",
    "Patio",
    "Salle polyvalente",
    "Salle B",
    "Auditorio",
    "Sede comunal",
)
LOREM = (
    "Las organizaciones participantes comparten sus experiencias y acuerdan una agenda común. "
    "Les participantes échangent sur leurs pratiques et préparent les prochaines étapes du "
    "programme, avec une attention particulière aux jeunes et aux femmes des communautés."
)
