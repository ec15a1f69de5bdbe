package com.example.springbootthymeleaf;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application whose signed-in users connect their data sources through the Airbyte widget. */
@SpringBootApplication
public class ExampleApplication {

    /**
     * Starts the application on port 8080.
     *
     * @param args Spring Boot's command line arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(ExampleApplication.class, args);
    }
}
