//! The built-in template for hiring a sales leader: what the team achieved,
//! and above all how. It is recorded as version 1 the first time a
//! candidate is added to a ledger that has no template of its own.

use super::{Anchors, Competency, Scale, Template};
use crate::core::vocab::CompetencyKind::{self, How, Results};

struct Card {
    key: &'static str,
    name: &'static str,
    kind: CompetencyKind,
    weight: u32,
    must_have: bool,
    questions: &'static [&'static str],
    listen_for: &'static [&'static str],
    low: &'static str,
    mid: &'static str,
    high: &'static str,
}

const CARDS: &[Card] = &[
    Card {
        key: "team-before",
        name: "Team results, before and after",
        kind: Results,
        weight: 2,
        must_have: false,
        questions: &[
            "What was the performance of the sales team before you took over, and after?",
            "What share of the reps were at quota when you arrived, and when you left?",
        ],
        listen_for: &[
            "numbers for the team, not for their own deals",
            "a baseline and a comparison over the same length of time",
            "credit given to the market or the product where it was due",
        ],
        low: "Talks about personal deals or quotes no team numbers; cannot say what the team did before",
        mid: "Gives team numbers before and after, but the improvement is modest or partly the market's",
        high: "Clear before/after numbers for the whole team, with most reps improving, sustained for a year or more",
    },
    Card {
        key: "team-retention",
        name: "Keeping and ramping people",
        kind: Results,
        weight: 1,
        must_have: false,
        questions: &[
            "How many of the reps you hired or inherited were still with you a year later?",
            "How long did a new rep take to reach full quota, and did that change while you led the team?",
        ],
        listen_for: &[
            "regretted and unregretted turnover told apart",
            "ramp time measured, not guessed",
            "people they promoted or who followed them",
        ],
        low: "High regretted turnover, or does not know the numbers",
        mid: "Turnover and ramp time around the norm, known roughly",
        high: "Low regretted turnover, shorter ramp time, and people promoted from the team",
    },
    Card {
        key: "drivers",
        name: "What drove the sales",
        kind: How,
        weight: 2,
        must_have: true,
        questions: &[
            "What did you implement to drive sales, and why those things?",
            "What did you stop doing?",
        ],
        listen_for: &[
            "a diagnosis before the remedy",
            "a few leading indicators they watched every week",
            "choices with reasons, and things they chose not to do",
        ],
        low: "A list of activities with no diagnosis; 'we just worked harder'",
        mid: "Sensible changes with some reasoning, but no link to measured results",
        high: "Diagnosed the gap, chose a few levers, measured leading indicators weekly and adjusted on evidence",
    },
    Card {
        key: "growth-source",
        name: "Where the growth came from",
        kind: How,
        weight: 1,
        must_have: false,
        questions: &[
            "Where did the growth come from — one or two large accounts, new markets, the whole team?",
            "What would the numbers look like without your two largest deals?",
        ],
        listen_for: &[
            "concentration named honestly",
            "growth spread across reps and segments",
            "what was repeatable and what was luck",
        ],
        low: "Growth rests on one or two deals, often their own; does not see the concentration",
        mid: "Growth from several sources, but leans on a few accounts or people",
        high: "Broad growth across the team and segments, and can say what was repeatable",
    },
    Card {
        key: "team-building",
        name: "Building and developing the team",
        kind: How,
        weight: 2,
        must_have: true,
        questions: &[
            "What did you personally do to build and develop the team?",
            "Tell me about a rep who got much better under you. What did you do, week by week?",
        ],
        listen_for: &[
            "a coaching mindset: time in deals with reps, not instead of them",
            "hiring criteria and how they onboarded",
            "hard decisions about people made and explained",
        ],
        low: "Sells instead of coaching; the team's results depend on them closing",
        mid: "Some coaching and hiring practice, but irregular or hard to describe",
        high: "A regular coaching rhythm, concrete stories of people who grew, and a hiring bar they can state",
    },
    Card {
        key: "goal-setting",
        name: "Setting goals with the CEO and the team",
        kind: How,
        weight: 1,
        must_have: false,
        questions: &[
            "How did you set goals with your CEO, and with the team?",
            "Tell me about a time you disagreed with the number you were given.",
        ],
        listen_for: &[
            "goals built bottom-up and checked top-down",
            "disagreement raised early, with data",
            "goals the team understood and owned",
        ],
        low: "Accepted or handed down numbers without discussion; or blames the CEO's targets",
        mid: "Negotiated goals, but with little data or the team left out",
        high: "Built the goal from capacity and pipeline, agreed it with the CEO, and cascaded it so each rep owned theirs",
    },
    Card {
        key: "change-leadership",
        name: "Leading change",
        kind: How,
        weight: 1,
        must_have: false,
        questions: &[
            "What was the biggest challenge in rolling out your changes, and how did you handle it?",
            "Who resisted, and what did you do about it?",
        ],
        listen_for: &[
            "the change given time to work before it was judged",
            "resistance understood, not only overruled",
            "what they would do differently",
        ],
        low: "Changes imposed or abandoned quickly; no sense of how people took them",
        mid: "Changes carried through, with some attention to the people affected",
        high: "Sequenced the change, agreed a run time, brought sceptics along, and learned from what went wrong",
    },
    Card {
        key: "forecasting",
        name: "Forecasting",
        kind: How,
        weight: 2,
        must_have: true,
        questions: &[
            "How did you forecast, and how close were you?",
            "What did you do when a quarter was at risk?",
        ],
        listen_for: &[
            "a method: commit, best case, pipeline, and what moves a deal between them",
            "accuracy they can quote, and their bias (high or low)",
            "a contingency acted on, not a story about the pipeline building",
        ],
        low: "No method; 'if this and this happen we'll be fine'; cannot say how accurate they were",
        mid: "A method and a rough accuracy, but reacts late when a quarter slips",
        high: "A disciplined method, accuracy within about 10%, and early action when a quarter was at risk",
    },
    Card {
        key: "bad-news-early",
        name: "Candour with the CEO",
        kind: How,
        weight: 1,
        must_have: false,
        questions: &[
            "Tell me about the last time you had to give your CEO bad news about the number. When did you tell them?",
            "How did you and your CEO meet, and what did you review?",
        ],
        listen_for: &[
            "bad news told as soon as it was known, with a plan",
            "a fixed, fact-based meeting with the CEO",
            "respect for the CEO's decision rights, and clarity about their own",
        ],
        low: "Waited until the quarter was lost, or describes the CEO as the problem",
        mid: "Told the CEO in time, but without a plan or a regular forum",
        high: "Raised risk early with facts and options, in a regular meeting with agreed decision rights",
    },
];

/// The built-in sales-leader template (scale 1–5).
pub fn sales_leader() -> Template {
    let text = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    Template {
        name: "Sales leader (built-in)".into(),
        competencies: CARDS
            .iter()
            .map(|c| Competency {
                key: c.key.into(),
                name: c.name.into(),
                kind: c.kind,
                questions: text(c.questions),
                listen_for: text(c.listen_for),
                anchors: Anchors { low: c.low.into(), mid: c.mid.into(), high: c.high.into() },
                weight: c.weight,
                scale: Scale::DEFAULT,
                must_have: c.must_have,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hiring::file;

    #[test]
    fn covers_the_method_and_passes_its_own_validation() {
        let t = sales_leader();
        for key in [
            "team-before",
            "drivers",
            "growth-source",
            "team-building",
            "goal-setting",
            "change-leadership",
            "forecasting",
        ] {
            assert!(t.competency(key).is_some(), "{key}");
        }
        assert_eq!(file::validate(t.clone()).unwrap(), t);
        assert!(t.competencies.iter().any(|c| c.kind == Results));
        assert!(t.competencies.iter().filter(|c| c.must_have).count() >= 2);
    }
}
