plan --skills hipaa,ehr -t pm-scrum-master --minimize weeks --as-of 2026-11-28 --format json
