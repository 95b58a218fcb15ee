//! The answers typed in one run of a wizard, kept so that "No" at the
//! summary re-asks one of them and keeps the others: the wizard runs again,
//! and each prompt takes its earlier answer instead of asking.

/// One prompt's answer. A label may be asked more than once in a run (a
/// list of options): `nth` tells the askings apart.
#[derive(Clone)]
pub struct Answer {
    pub label: String,
    pub nth: usize,
    /// The flag that gives this value without a prompt (errors name it).
    pub flag: &'static str,
    /// What the prompt returned: the text, or a choice's index.
    pub value: String,
    /// What the person saw as their answer.
    pub shown: String,
}

/// What a prompt does with its earlier answer.
pub enum Recall {
    /// Never answered: ask.
    Fresh,
    /// The one the person chose to change: ask, their answer as the default.
    Edit(Answer),
    /// Answered before: take it without asking.
    Keep(Answer),
}

#[derive(Default)]
pub struct Answers {
    last: Vec<Answer>,
    now: Vec<Answer>,
    editing: Option<(String, usize)>,
}

impl Answers {
    /// A run of the wizard starts.
    pub fn begin(&mut self) {
        self.now.clear();
    }

    /// A run ended: its answers are the ones a summary shows.
    pub fn end(&mut self) {
        self.last = std::mem::take(&mut self.now);
        self.editing = None;
    }

    fn nth(&self, label: &str) -> usize {
        self.now.iter().filter(|a| a.label == label).count()
    }

    pub fn recall(&self, label: &str) -> Recall {
        let nth = self.nth(label);
        match self.last.iter().find(|a| a.label == label && a.nth == nth) {
            None => Recall::Fresh,
            Some(a) if self.editing.as_ref().is_some_and(|(l, n)| l == label && *n == nth) => {
                Recall::Edit(a.clone())
            }
            Some(a) => Recall::Keep(a.clone()),
        }
    }

    pub fn keep(&mut self, label: &str, flag: &'static str, value: String, shown: String) {
        let nth = self.nth(label);
        self.now.push(Answer { label: label.to_string(), nth, flag, value, shown });
    }

    /// The answers of the last run, in the order they were asked.
    pub fn asked(&self) -> &[Answer] {
        &self.last
    }

    /// The first answer given for `flag` (a refusal names its flag).
    pub fn of_flag(&self, flag: &str) -> Option<usize> {
        self.last.iter().position(|a| !a.flag.is_empty() && a.flag == flag)
    }

    /// The next run asks answer `i` again.
    pub fn edit(&mut self, i: usize) {
        self.editing = self.last.get(i).map(|a| (a.label.clone(), a.nth));
    }
}
