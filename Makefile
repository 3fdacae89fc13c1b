# Kafka Restaurants: the two entry points are `make run` (the local stack) and `make test` (every test).
MVNW := ./mvnw -B -ntp
SITE := restaurants-frontend
NPM := npm --prefix $(SITE) --no-audit --no-fund
# The images are tagged with the Helm chart's appVersion, the tag the chart and compose.yaml run.
IMAGE_TAG := $(shell sed -n 's/^appVersion: *"*\([^"]*\)"*$$/\1/p' helm/kafka-restaurants/Chart.yaml)

.PHONY: run test build bench chaos scale site site-deps e2e-deps contracts-deps test-contracts test-docs test-java test-site test-bench test-chaos test-scale test-local test-e2e images sbom clean help

help:
	@echo "make run    build the app and the site, start the local stack (Kafka, bank mock, SMTP mock + inbox, app, site)"
	@echo "           SECURE=1: Kafka with SASL/SCRAM and the ACLs of strimzi/base/kafka-users.yaml, one JVM and one Kafka"
	@echo "           user per role (state in .data/secure; local/README.md)"
	@echo "make test   run every test (the Kafka contract; Java unit, route and Kafka integration tests; site unit tests; bench smoke run; browser journeys)"
	@echo "make bench  measure each stage alone and the whole pipeline (~5 min; BENCH_SIZE=smoke for ~1 min)"
	@echo "make chaos  orders while parts are killed and fail, then check every lifecycle invariant (~8 min; CHAOS_SIZE=ci|large)"
	@echo "           SECURE=1: against the secure stack of make run SECURE=1"
	@echo "           CHAOS_SCENARIO=replicas: two JVMs of each role behind the site, retried requests on both api replicas,"
	@echo "           stage processes stopped and killed (rebalances); both api replicas must agree (~5 min; CHAOS_SIZE=ci)"
	@echo "make scale  1,000,000 orders on order_status: an api replica at -Xmx256m gets ready and answers them (SCALE_ORDERS=N)"
	@echo "make build  build the app jar only"
	@echo "make site   build the site only"
	@echo "make images build the routes, site and bank mock images for Kubernetes and compose.yaml (needs Docker)"
	@echo "make sbom   CycloneDX SBOMs of the Maven modules and the npm projects in target/sbom/, for a vulnerability scanner"
	@echo "make clean  remove build output (keeps .data/, the local stack's state)"

## The routes application jar, the bank mock's extension jar and the bench (make bench).
build:
	$(MVNW) -q -DskipTests package

## The site's dependencies (npm ci when the lock file changed) and its production build.
site-deps: $(SITE)/node_modules/.package-lock.json

$(SITE)/node_modules/.package-lock.json: $(SITE)/package-lock.json
	$(NPM) ci --loglevel=error

site: site-deps
	$(NPM) run build

## SECURE=1: LOCAL_STACK_SECURE=1 (local/README.md, "Secure Kafka").
run: build site
	$(if $(filter 1,$(SECURE)),LOCAL_STACK_SECURE=1 )bash local/run.sh

## Every test.
test: test-docs test-contracts test-java test-site test-local test-bench test-chaos test-scale test-e2e

## Every relative link of the Markdown files names a file, and a heading, that exist (under a second).
test-docs:
	node .ci/md-links.mjs

## Speed: starts its own stack (one JVM per role), measures each stage alone and the whole pipeline, prints a
## table and writes bench/results/<timestamp>-<size>/. BENCH_SIZE=smoke|full, BENCH_LAYOUT=per-role|one,
## BENCH_STACK=start|running (see bench/README.md).
bench: build
	bash bench/run.sh

## The bench at its smoke size: proves the harness works and every accepted order ends once; never a speed.
test-bench: build
	BENCH_SIZE=smoke bash bench/run.sh

## The local runner stops every part on TERM, INT or HUP, once or repeated, to it or to its process group (~1 min); its
## secure Kafka holds each role to its ACLs and keeps them over a SIGKILL (~1 min).
test-local:
	bash local/test/signals.sh
	bash local/test/secure.sh

## Crash-safety: starts its own stack (one JVM per role, parts restarted when they exit), sends orders while it kills
## each role and the broker, takes the bank and SMTP down, slows the bank and restarts every role, then checks every
## invariant of the order lifecycle; non-zero exit on any violation. CHAOS_SIZE=default|ci|large (bench/README.md).
## CHAOS_SCENARIO=replicas: two JVMs of each role behind the site's nginx (so it builds the site too), requests retried
## on both api replicas, a rebalance of each stage; CHAOS_SIZE=default|ci.
## SECURE=1: the same against the secure stack (CHAOS_SECURE=1).
chaos: build $(if $(filter replicas,$(CHAOS_SCENARIO)),site)
	$(if $(filter 1,$(SECURE)),CHAOS_SECURE=1 )bash bench/chaos.sh

## The order view at scale: fills order_status with SCALE_ORDERS synthetic orders (default 1,000,000), starts a new api
## replica at -Xmx256m, measures its time to ready, answers, heap and RSS, then its restart on the view it kept.
scale: build
	bash bench/scale.sh

## The scale harness at 20,000 orders (~1 minute): every sampled order is answered; never a speed or memory figure.
test-scale: build
	SCALE_ORDERS=20000 bash bench/scale.sh

## Chaos at its CI size: one SIGKILL of each role and of the broker, ~3 minutes.
test-chaos: build
	CHAOS_SIZE=ci bash bench/chaos.sh

## Bean and route tests (surefire), then the tests with Kafka, WireMock and SMTP servers (failsafe).
test-java:
	$(MVNW) verify

## The Kafka contract, config/asyncapi.yaml (~3 s): @asyncapi/parser resolves every $ref (the JSON Schemas of
## config/schemas) and must report no error; every example must be valid against its key, header and value schemas
## (config/asyncapi-check/check.mjs). That it matches what the routes use is a Java test (AsyncApiContractTest).
ASYNCAPI_CHECK := config/asyncapi-check
contracts-deps: $(ASYNCAPI_CHECK)/node_modules/.package-lock.json

$(ASYNCAPI_CHECK)/node_modules/.package-lock.json: $(ASYNCAPI_CHECK)/package-lock.json
	npm --prefix $(ASYNCAPI_CHECK) --no-audit --no-fund ci --loglevel=error

test-contracts: contracts-deps
	node $(ASYNCAPI_CHECK)/check.mjs config/asyncapi.yaml

## The site's lint and format gates (ESLint, Prettier; a few seconds), then its unit tests (Vitest).
test-site: site-deps
	$(NPM) run lint
	$(NPM) test

## The browser journeys (Playwright in Debian's Chromium) through the whole local stack, started by the tests
## themselves in .data/e2e (the ports of `make run` must be free). Screenshots: restaurants-frontend/e2e/test-results/.
e2e-deps: $(SITE)/e2e/node_modules/.package-lock.json

$(SITE)/e2e/node_modules/.package-lock.json: $(SITE)/e2e/package-lock.json
	npm --prefix $(SITE)/e2e --no-audit --no-fund ci --loglevel=error

test-e2e: build site e2e-deps
	cd $(SITE)/e2e && CI=$${CI:-} npx playwright test

## The three images: the routes application (all three roles), the site and the bank mock (docs/deploy.md).
images:
	docker build -f routes/Dockerfile -t kafka-restaurants/routes:$(IMAGE_TAG) .
	docker build -t kafka-restaurants/frontend:$(IMAGE_TAG) $(SITE)
	docker build -t kafka-restaurants/bank-mock:$(IMAGE_TAG) mocks/bank

## CycloneDX SBOMs for a vulnerability scanner (none runs here: docs/deploy.md, 3. The images): the Maven modules'
## shipped dependencies and the locked packages of the site and of the SMTP mock, in target/sbom/ (~15 s). Not in
## make test: it proves nothing by itself.
SBOM_NPM := .ci/sbom/node_modules/.bin/cyclonedx-npm --package-lock-only --output-format JSON

.ci/sbom/node_modules/.package-lock.json: .ci/sbom/package-lock.json
	npm --prefix .ci/sbom --no-audit --no-fund ci --loglevel=error

sbom: .ci/sbom/node_modules/.package-lock.json
	$(MVNW) -q cyclonedx:makeAggregateBom
	$(SBOM_NPM) --output-file target/sbom/restaurants-frontend.json $(SITE)/package.json
	$(SBOM_NPM) --output-file target/sbom/smtp-mock.json mocks/smtp/package.json

clean:
	$(MVNW) -q clean
	rm -rf local/target $(SITE)/dist $(SITE)/e2e/test-results
