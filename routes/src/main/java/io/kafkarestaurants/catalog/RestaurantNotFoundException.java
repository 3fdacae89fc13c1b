package io.kafkarestaurants.catalog;

import io.kafkarestaurants.NotFoundException;

/** No restaurant with this id in the catalog: 404. */
public class RestaurantNotFoundException extends NotFoundException {

    public RestaurantNotFoundException(String id) {
        super("Restaurant", id);
    }

}
