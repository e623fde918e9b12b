// claimtrail: shared page behaviour (kept tiny; pages work without it).
"use strict";
document.documentElement.classList.add("js");
