#pragma once

// A deterministic generator of realistic petitions for the benchmarks of issue 7. Petition `i`
// of a run depends only on the seed, the run's size and `i`, never on what was generated
// before, so the loader, the fixtures of the load benchmark and the guard's expected answers all
// agree without sharing state.
//
// What it makes: complaints about noise, odour and dust, waste water and solid waste, built
// from templates with the seed's 13 regions, a few thousand enterprise names as respondents,
// petitioners with valid GB 11643 ID numbers and mainland mobile numbers (one petition in four
// comes from a small pool of people who petition again and again), receipt times spread over
// the ten years before `until`, and a plan of workflow steps (acceptance, assignment, on-site
// inspection, supervision, extension, report, reply, satisfaction, review, closing) whose
// spread of final states follows the age of the petition.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/workflow.h"
#include "http/petition_registration.h"
#include "store/petition_store.h"

namespace xinfang::bench {

// The seed's 13 towns and zones, in the order of DESIGN.md §2; generated petitions name a
// region by its index here and the loader maps the names to the database's ids.
const std::vector<std::string>& RegionNames();

struct Person {
    std::string name;
    std::string id_number;  // 18 characters, valid checksum
    std::string phone;      // 11-digit mainland mobile
    std::string address;
};

struct PlannedStep {
    core::Action action;
    std::int64_t at = 0;
    core::TransitionPayload payload;  // unit_id of `assign` is filled in by the loader
    bool by_leader = false;           // extensions are a leader's decision
};

struct PlannedInspection {
    core::Date on;
    std::string participants;
    std::string findings;
    struct Requirement {
        std::string content;
        core::Date deadline;
        // A follow-up inspection (后督察) found it met or not; nullopt: not yet followed up.
        std::optional<bool> met;
        std::optional<core::Date> followed_up_on;
    };
    std::vector<Requirement> requirements;
    // The inspection happens right after the step with this index in `steps` (an assignment).
    std::size_t after_step = 0;
};

struct GeneratedPetition {
    // The fields a registration request carries (codes, texts, received_at, people_count,
    // declared flags); region_id is left 0, see `region_index`.
    store::PetitionRow row;
    std::size_t region_index = 0;
    std::vector<http::PetitionerInput> petitioners;
    std::vector<Person> people;      // the same petitioners in clear, for fixtures and checks
    std::int64_t person_index = 0;   // of the first petitioner, for "same person" lookups
    std::vector<PlannedStep> steps;  // in time order, none after `until`
    std::vector<PlannedInspection> inspections;
};

class Generator {
public:
    // `count` is the size of the run: it sets the pool of recurring petitioners. `until` is the
    // last day petitions and steps may fall on (in China time).
    Generator(std::uint64_t seed, std::int64_t count, core::Date until);

    GeneratedPetition Petition(std::int64_t index) const;

    // The person behind person index `p`; recurring people have small indexes.
    Person PersonAt(std::int64_t p) const;
    std::int64_t RecurringPeople() const { return recurring_; }

    const std::vector<std::string>& Enterprises() const { return enterprises_; }

    // POST /api/v1/petitions body for the petition `index`, received at `received_at`;
    // `region_ids` are the database ids of RegionNames(), in that order.
    std::string RegistrationBody(std::int64_t index, std::int64_t received_at,
                                 const std::vector<std::int64_t>& region_ids) const;

private:
    std::uint64_t seed_;
    std::int64_t count_;
    std::int64_t recurring_;
    std::int64_t first_at_;
    std::int64_t last_at_;
    std::vector<std::string> enterprises_;
};

// A valid GB 11643 ID number: the 17 digits given and their ISO 7064 MOD 11-2 check character.
std::string WithCheckCharacter(const std::string& first17);

}  // namespace xinfang::bench
