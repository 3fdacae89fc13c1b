# Kafka Restaurants: the two entry points are `make run` (the local stack) and `make test` (every test).
MVNW := ./mvnw -B -ntp
APP_JAR := routes/target/routes.jar

.PHONY: run test build clean help

help:
	@echo "make run    build the app and start the local stack (Kafka, bank mock, SMTP mock + inbox, app)"
	@echo "make test   run every test (unit, route and Kafka integration tests)"
	@echo "make build  build the app jar only"
	@echo "make clean  remove build output (keeps .data/, the local stack's state)"

## Build the routes application jar (tests run in `make test`).
build:
	$(MVNW) -q -DskipTests package

$(APP_JAR): build

run: build
	bash local/run.sh

## Every test: bean and route tests (surefire), then the tests with Kafka, WireMock and SMTP (failsafe).
test:
	$(MVNW) verify

clean:
	$(MVNW) -q clean
	rm -rf local/target
